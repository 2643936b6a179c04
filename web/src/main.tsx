// The Collegium web app: delegate view, record explorer, my acts, keys.
import '@picocss/pico/css/pico.classless.min.css';
import './style.css';
import { render } from 'preact';
import { App } from './app.js';
import { initI18n } from './i18n.js';
import { Live } from './live.js';

await initI18n();
const live = new Live();
render(<App live={live} />, document.getElementById('app')!);
void live.start();
