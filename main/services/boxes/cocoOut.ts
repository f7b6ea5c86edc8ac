/** `samlabel boxes` output: a COCO instances JSON with compressed RLE, keeping each detection's class and score. */
import { rleToBbox, toCompressed } from '../../../shared/masks/rle.js';
import type { ImageBoxMasks } from './boxesToMasks.js';

export interface CocoBuilder {
  add(fileName: string, result: ImageBoxMasks): void;
  json(): Record<string, unknown>;
}

export function cocoBuilder(): CocoBuilder {
  const images: unknown[] = [];
  const annotations: unknown[] = [];
  const categories = new Map<string, number>();
  const categoryId = (name: string): number => {
    if (!categories.has(name)) categories.set(name, categories.size + 1);
    return categories.get(name) as number;
  };
  return {
    add(fileName, result) {
      const imageId = images.length + 1;
      images.push({ id: imageId, file_name: fileName, width: result.width, height: result.height });
      for (const m of result.masks) {
        annotations.push({
          id: annotations.length + 1,
          image_id: imageId,
          category_id: categoryId(m.label),
          segmentation: toCompressed(m.rle),
          area: m.area,
          bbox: rleToBbox(m.rle),
          iscrowd: 0,
          score: m.detectionScore,
          predicted_iou: m.predictedIou,
          stability_score: m.stabilityScore,
          detection_bbox: [m.box[0], m.box[1], m.box[2] - m.box[0], m.box[3] - m.box[1]],
        });
      }
    },
    json: () => ({ images, annotations, categories: [...categories].map(([name, id]) => ({ id, name, supercategory: '' })) }),
  };
}
