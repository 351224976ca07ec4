import zlib from 'node:zlib';

/** One file of a zip archive as its central directory declares it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

export class ZipError extends Error {
  constructor(
    readonly kind: 'not_zip' | 'too_large',
    message: string,
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64 = 0xffffffff;

/**
 * The entries of a zip archive, read from its central directory alone: what each file claims to expand to is
 * known before anything is inflated. ZIP64 archives are refused (an upload we accept never needs one).
 */
export function zipEntries(buf: Buffer, maxEntries = 10_000): ZipEntry[] {
  // The end record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('not_zip', 'no zip end-of-central-directory record');
  const count = buf.readUInt16LE(end + 10);
  const size = buf.readUInt32LE(end + 12);
  const offset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || size === ZIP64 || offset === ZIP64) throw new ZipError('too_large', 'ZIP64 archive');
  if (count > maxEntries) throw new ZipError('too_large', `more than ${maxEntries} files in the archive`);
  if (offset + size > end) throw new ZipError('not_zip', 'central directory out of bounds');
  const out: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== CENTRAL) throw new ZipError('not_zip', 'broken central directory');
    const nameLength = buf.readUInt16LE(p + 28);
    const entry: ZipEntry = {
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
    };
    if (entry.compressedSize === ZIP64 || entry.uncompressedSize === ZIP64 || entry.localOffset === ZIP64)
      throw new ZipError('too_large', 'ZIP64 entry');
    out.push(entry);
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

/**
 * Inflates one entry, never past the size its central directory declared: a file that lies about its size to get
 * past the check on declared sizes stops here, at the declared size, not at whatever it expands to.
 */
export function inflateEntry(buf: Buffer, e: ZipEntry): Buffer {
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL)
    throw new ZipError('not_zip', `broken local header of ${e.name}`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + e.compressedSize > buf.length) throw new ZipError('not_zip', `${e.name} is truncated`);
  const packed = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return packed;
  if (e.method !== 8) throw new ZipError('not_zip', `${e.name}: unsupported compression method ${e.method}`);
  try {
    return zlib.inflateRawSync(packed, { maxOutputLength: Math.max(1, e.uncompressedSize) });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new ZipError('too_large', `${e.name} expands beyond its declared size`);
    throw new ZipError('not_zip', `${e.name} is not valid deflate data`);
  }
}
