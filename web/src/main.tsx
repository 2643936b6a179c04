// The Collegium web app's entry: styles, translations, the live record, and the shell rendered into <body>.
import './zod-config.js';
import '@picocss/pico/css/pico.classless.min.css';
import './style.css';
import './design.css';
import './hall-display.css';
import './access.css';
import { render } from 'preact';
import { keepFocus } from './focus-keeper.js';
import { initI18n } from './i18n.js';
import { Live } from './live.js';
import { App } from './shell/app.js';

await initI18n();
const live = new Live();
render(<App live={live} />, document.getElementById('app')!);
keepFocus();
void live.start();
