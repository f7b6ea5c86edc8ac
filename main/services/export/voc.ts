import { join, posix } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import { distinctStems, stripExtension } from './files.js';
import type { ExportOutput } from './output.js';
import { drawVoidBorder, paintInstances } from './labelMap.js';
import { vocColor, vocPalette } from './palette.js';
import { encodePng } from './png.js';
import type { ExportOptions, ExportPlan, WrittenAnnotation, WriterOutput } from './types.js';

/**
 * Pascal VOC segmentation layout: JPEGImages/, SegmentationClass/ and SegmentationObject/ palette PNGs with the VOC
 * colour map (class 1..k in label order, object 1..n in paint order, 0 background, 255 void), the split lists in
 * ImageSets/Segmentation/<split>.txt and labelmap.txt (CVAT's `name:r,g,b::` lines) naming the classes.
 */
export const VOC_VOID = 255;

/** VOC ids are flat file stems: `a/b/c` → `a__b__c`. */
export function vocId(stem: string): string {
  return stem.split('/').join('__');
}

export async function writeVoc(plan: ExportPlan, options: ExportOptions, out: ExportOutput): Promise<WriterOutput> {
  if (plan.categories.length >= VOC_VOID) throw new SamlabelError('ExportError', `VOC holds at most 254 labels, not ${plan.categories.length}`);
  const root = options.outDir;
    const written: WrittenAnnotation[] = [];
  const palette = vocPalette();
  const border = options.voidBorder ?? 0;
  const stems = distinctStems(plan.splits.flatMap((s) => s.images.map((e) => e.image.relPath)), vocId);
  for (const split of plan.splits) {
    const ids: string[] = [];
    for (const entry of split.images) {
      const { image, annotations } = entry;
      if (annotations.length >= VOC_VOID) throw new SamlabelError('ExportError', `${image.relPath}: VOC holds at most 254 objects per image`);
      const id = vocId(stems.get(image.relPath) ?? stripExtension(image.relPath));
      const map = paintInstances(plan, entry);
      const objects = new Uint8Array(map.values);
      const classes = map.classes;
      drawVoidBorder(objects, map.values, map.width, map.height, border, VOC_VOID);
      drawVoidBorder(classes, map.values, map.width, map.height, border, VOC_VOID);
      const size = { width: map.width, height: map.height };
      await out.file(join(root, 'SegmentationObject', `${id}.png`), encodePng({ kind: 'palette', ...size, indices: objects, palette }));
      await out.file(join(root, 'SegmentationClass', `${id}.png`), encodePng({ kind: 'palette', ...size, indices: classes, palette }));
      await out.image(image.absPath, join(root, 'JPEGImages', id + posix.extname(image.relPath)));
      ids.push(id);
      out.imageDone();
      // The VOC importer turns the id back into a path (`a__b` → `a/b`): that is the name the round trip sees.
      const readBackRel = id.split('__').join('/') + posix.extname(image.relPath);
      for (const ann of annotations) written.push({ annotationId: ann.id, imageRelPath: readBackRel, units: 1, exact: border === 0 });
    }
    await out.file(join(root, 'ImageSets', 'Segmentation', `${split.name}.txt`), ids.map((id) => `${id}\n`).join(''));
  }
  await out.file(join(root, 'labelmap.txt'), labelmapText(plan));
  return { written, readBack: root };
}

function labelmapText(plan: ExportPlan): string {
  const line = (name: string, i: number): string => `${name}:${vocColor(i).join(',')}::`;
  const lines = ['# label:color_rgb:parts:actions', line('background', 0), ...plan.categories.map((c, i) => line(c.name, i + 1))];
  return `${lines.join('\n')}\n`;
}
