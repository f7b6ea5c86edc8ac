/**
 * The contract's channel names without the contract: what the preload bridge and the renderer's
 * WebSocket transport build their api from, so neither bundle needs zod. `satisfies` keeps every name a
 * real channel; the contract test checks the list is complete and in order.
 */
import type { Channel } from './contract.js';

export const channelNames = [
  'app:version',
  'app:environment',
  'app:getSettings',
  'app:setSettings',
  'project:pickFolder',
  'project:open',
  'project:recent',
  'project:current',
  'project:info',
  'project:scan',
  'project:cancelScan',
  'project:listImages',
  'project:findImage',
  'project:setImageStatus',
  'image:info',
  'engine:setImage',
  'engine:predict',
  'engine:candidateLogits',
  'engine:precompute',
  'engine:precomputeStatus',
  'engine:info',
  'annotations:list',
  'annotations:accept',
  'annotations:update',
  'annotations:markReviewed',
  'annotations:delete',
  'annotations:reorder',
  'labels:list',
  'labels:add',
  'labels:rename',
  'labels:recolour',
  'labels:setHotkey',
  'labels:remove',
  'history:undo',
  'history:redo',
  'history:state',
  'export:start',
  'export:cancel',
  'auto:start',
  'auto:cancel',
  'auto:results',
  'auto:accept',
  'auto:startBatch',
  'auto:listDetections',
  'auto:importBoxes',
] as const satisfies readonly Channel[];

/** The Electron IPC channel name; the prefix lets both ends refuse anything that is not samlabel's. */
export const ipcChannelName = (channel: Channel): `samlabel:${Channel}` => `samlabel:${channel}`;

/** The Electron IPC channel of events (main → renderer, webContents.send). */
export const EVENT_CHANNEL = 'samlabel:event';
