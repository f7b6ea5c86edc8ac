/**
 * Sandboxed preload: the only code with both ipcRenderer and the page. It exposes the contract's
 * functions and nothing else (no ipcRenderer, no generic send/invoke, no Node).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './buildApi.js';

contextBridge.exposeInMainWorld('samlabel', buildApi((channel, request) => ipcRenderer.invoke(channel, request)));
