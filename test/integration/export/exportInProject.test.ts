import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { exportDataset } from '../../../main/services/export/exportDataset.js';
import { projectToDataset } from '../../../main/services/projects/dataset.js';
import { Project } from '../../../main/services/projects/project.js';
import { scanProject } from '../../../main/services/projects/scan.js';
import { tempDir } from '../../helpers/engineHarness.js';
import { writeTestImage } from '../../helpers/images.js';

describe('an export written inside the project folder', () => {
  it.each(['yolo-seg', 'masks-png'] as const)('is not scanned back in as images (%s)', async (format) => {
    const folder = tempDir('export-in-project');
    await writeTestImage(join(folder, 'a.jpg'), 40, 30);
    await writeTestImage(join(folder, 'b.jpg'), 50, 20);
    const project = Project.init(folder);
    try {
      expect((await scanProject(project)).added).toBe(2);
      await exportDataset(projectToDataset(project), { format, outDir: join(folder, 'export'), copyImages: true });
      const rescan = await scanProject(project);
      expect(rescan.added).toBe(0);
      expect(rescan.files).toBe(2);
    } finally {
      project.close();
    }
  });
});
