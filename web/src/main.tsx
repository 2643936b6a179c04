// The Collegium web app: delegate view, record explorer, my acts, keys.
import '@picocss/pico/css/pico.classless.min.css';
import { render } from 'preact';
import './style.css.js';

import { initI18n } from './i18n.js';
import { Live } from './live.js';
import { App } from './shell/app.js';

await initI18n();
const live = new Live();
render(<App live={live} />, document.getElementById('app')!);
void live.start();
