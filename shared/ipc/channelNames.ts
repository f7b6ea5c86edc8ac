/**
 * The contract's channel names without the contract: what the renderer's WebSocket transport builds its
 * api from, so the renderer bundle needs no zod. `satisfies` keeps every name a real channel; the
 * contract test checks the list is complete and in order.
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
  'engine:precompute',
  'engine:precomputeStatus',
  'engine:info',
  'annotations:list',
  'annotations:accept',
  'annotations:update',
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
] as const satisfies readonly Channel[];
