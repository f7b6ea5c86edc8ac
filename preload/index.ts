/**
 * Sandboxed preload: the only code with both ipcRenderer and the page. It exposes the contract's
 * functions and the event subscription, nothing else (no ipcRenderer, no generic send/invoke, no Node).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL } from '../shared/ipc/channelNames.js';
import type { AppEvent } from '../shared/ipc/events.js';
import { buildApi } from './buildApi.js';

function onEvent(listener: (event: AppEvent) => void): () => void {
  // The IpcRendererEvent (with its sender) never reaches the page: only the payload, validated in the renderer.
  const wrapped = (_event: IpcRendererEvent, payload: AppEvent): void => listener(payload);
  ipcRenderer.on(EVENT_CHANNEL, wrapped);
  return () => void ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
}

contextBridge.exposeInMainWorld('samlabel', buildApi((channel, request) => ipcRenderer.invoke(channel, request), onEvent));
