import { crc32, deflateSync, gzipSync } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeRgb } from '../../../main/imaging/decodeImage.js';
import { probeImage } from '../../../main/imaging/probeImage.js';
import { DEFAULT_PIXEL_LIMIT } from '../../../main/imaging/pixelLimit.js';
import { expectImageError, fromRaw, noise } from './helpers.js';

const photo = { width: 64, height: 48, data: noise(64 * 48 * 3, 11) };
const half = (b: Uint8Array) => b.subarray(0, b.length >> 1);

function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/**
 * A PNG whose header claims width×height but whose IDAT holds one row at most (libpng wants an IDAT
 * before it reports the header): decoding it would fail, so only a header check can answer.
 */
function pngHeaderOnly(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const idat = pngChunk('IDAT', deflateSync(Buffer.alloc(16)));
  return Buffer.concat([signature, pngChunk('IHDR', ihdr), idat, pngChunk('IEND', new Uint8Array(0))]);
}

describe('typed image errors', () => {
  it('0 bytes is ImageEmpty', async () => {
    await expectImageError(decodeRgb(new Uint8Array(0), { source: 'a.jpg' }), 'ImageEmpty', 'a.jpg');
    await expectImageError(probeImage(new Uint8Array(0), { source: 'a.jpg' }), 'ImageEmpty', 'a.jpg');
  });

  it.each([
    ['JPEG', (s: Sharp) => s.jpeg()],
    ['progressive JPEG', (s: Sharp) => s.jpeg({ progressive: true })],
    ['PNG', (s: Sharp) => s.png()],
    ['TIFF', (s: Sharp) => s.tiff({ compression: 'lzw' })],
    ['WebP', (s: Sharp) => s.webp()],
  ])('a %s cut in half is ImageTruncated, not a silently grey bottom half', async (_name, encode) => {
    const bytes = await encode(fromRaw(photo)).toBuffer();
    await expect(decodeRgb(bytes)).resolves.toBeDefined();
    await expectImageError(decodeRgb(half(bytes), { source: 'cut.img' }), 'ImageTruncated', 'cut.img', 'truncated');
  });

  it('a JPEG with a recoverable warning (stray bytes before a marker) still decodes, as in Pillow', async () => {
    const bytes = Buffer.from(await fromRaw(photo).jpeg().toBuffer());
    const sos = bytes.indexOf(Buffer.from([0xff, 0xda]));
    const stray = Buffer.concat([bytes.subarray(0, sos), Buffer.from([0x00, 0x11]), bytes.subarray(sos)]);
    await expect(sharp(stray, { failOn: 'warning' }).raw().toBuffer()).rejects.toThrow(/extraneous bytes/);
    const { image } = await decodeRgb(stray);
    expect([image.width, image.height]).toEqual([64, 48]);
  });

  it('a JPEG cut inside its header is ImageTruncated already when probing', async () => {
    const bytes = await fromRaw(photo).jpeg().toBuffer();
    await expectImageError(probeImage(bytes.subarray(0, 40), { source: 'head.jpg' }), 'ImageTruncated', 'head.jpg');
  });

  it('a PNG with corrupt pixel data but all its chunks is ImageDecodeError, not truncated', async () => {
    const bytes = Buffer.from(await fromRaw(photo).png({ compressionLevel: 0 }).toBuffer());
    const idat = bytes.indexOf('IDAT');
    for (let i = idat + 40; i < idat + 400; i++) bytes[i] ^= 0x5a;
    await expectImageError(decodeRgb(bytes, { source: 'bad.png' }), 'ImageDecodeError', 'bad.png', 'PNG');
  });

  it('random bytes and text are ImageDecodeError', async () => {
    await expectImageError(decodeRgb(noise(5000, 99), { source: 'noise.jpg' }), 'ImageDecodeError', 'noise.jpg', 'not an image');
    const text = new TextEncoder().encode('name,score\ncat,0.9\n');
    await expectImageError(probeImage(text, { source: 'notes.txt' }), 'ImageDecodeError', 'notes.txt', 'JPEG, PNG');
  });

  it('SVG (gzipped too), PDF, GIF (animated too), AVIF and PPM are ImageUnsupported, named', async () => {
    const svg = new TextEncoder().encode('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>');
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
    const gif = await fromRaw(photo).gif().toBuffer();
    const frames = { width: 8, height: 24, data: noise(8 * 24 * 3, 5) };
    const animated = await sharp(frames.data, { raw: { width: 8, height: 24, channels: 3, pageHeight: 8 } }).gif().toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(3);
    const avif = await fromRaw(photo).avif().toBuffer();
    const ppm = Buffer.concat([Buffer.from('P6\n2 2\n255\n'), Buffer.from(noise(12))]);
    // .svgz is not sniffed by us: it is named by the fallback that asks libvips.
    const svgz = gzipSync(svg);
    const cases: [Uint8Array, string][] = [
      [svg, 'SVG'], [svgz, 'SVG'], [pdf, 'PDF'], [gif, 'GIF'], [animated, 'GIF'], [avif, 'AVIF'], [ppm, 'PPM'],
    ];
    for (const [bytes, name] of cases) {
      await expectImageError(decodeRgb(bytes, { source: `file.${name}` }), 'ImageUnsupported', `file.${name}`, name, 'convert it to PNG');
    }
  });

  it('over the pixel limit is ImageTooLarge, with the sizes and the flag to raise it', async () => {
    const bytes = await fromRaw(photo).png().toBuffer();
    await expectImageError(
      decodeRgb(bytes, { limitInputPixels: 3000, source: 'p.png' }),
      'ImageTooLarge',
      'p.png (64×48) is 3072 pixels, over the limit of 3000 pixels; raise it with --max-pixels',
    );
    await expect(decodeRgb(bytes, { limitInputPixels: 3072 })).resolves.toBeDefined();
    await expectImageError(probeImage(bytes, { limitInputPixels: 3000 }), 'ImageTooLarge');
    await expectImageError(decodeRgb(bytes, { limitInputPixels: 0 }), 'BadInput');
  });

  it('checks the default limit (sharp\'s 0x3FFF²) from the header alone: a 300 MP header with no pixels', async () => {
    expect(DEFAULT_PIXEL_LIMIT).toBe(268402689);
    const bytes = pngHeaderOnly(20000, 15000);
    // Were anything decoded, this file would fail as truncated/corrupt instead.
    await expectImageError(decodeRgb(bytes, { source: 'huge.png' }), 'ImageTooLarge', 'huge.png', 'is 300 MP, over the limit of 268 MP; raise it with --max-pixels');
    const probe = await probeImage(bytes, { limitInputPixels: 400e6 });
    expect(probe).toMatchObject({ width: 20000, height: 15000, format: 'png' });
  });
});
