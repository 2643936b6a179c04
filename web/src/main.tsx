// The Collegium web app's entry: styles, translations, the live record, and the shell rendered into <body>.
import './zod-config.js';
import '@picocss/pico/css/pico.classless.min.css';
import './style.css';
import './design.css';
import './hall-display.css';
import { render } from 'preact';
import { initI18n } from './i18n.js';
import { Live } from './live.js';
import { App } from './shell/app.js';

await initI18n();
const live = new Live();
render(<App live={live} />, document.getElementById('app')!);
void live.start();
