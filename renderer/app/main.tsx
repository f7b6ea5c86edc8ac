/** Renderer entry: mounts the React shell; uncaught errors anywhere become toasts, not a silent failure. */
import '../ipc/noEval.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { toastStoreEvents } from '../features/toasts/storeToasts.js';
import { toasts } from '../features/toasts/toasts.js';
import { client } from '../ipc/client.js';
import { App } from './App.js';
import './app.css';

window.addEventListener('error', (e) => toasts.error(e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => toasts.error(e.reason));
// A crashed project store is news whatever screen is showing.
toastStoreEvents(client.onEvent, toasts);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
