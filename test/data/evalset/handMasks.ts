export async function writeHandMasks(outDir: string): Promise<string[]> {
  void outDir;
  return [];
}
