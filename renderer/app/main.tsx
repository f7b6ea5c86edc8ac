/** Renderer entry: mounts the React shell; uncaught errors anywhere become toasts, not a silent failure. */
import '../ipc/noEval.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { toasts } from '../features/toasts/toasts.js';
import { App } from './App.js';
import './app.css';

window.addEventListener('error', (e) => toasts.error(e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => toasts.error(e.reason));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
