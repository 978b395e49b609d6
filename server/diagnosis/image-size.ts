import "server-only";

/**
 * Reads the pixel size and component count from a JPEG header without decoding. Knowing the size up front
 * lets the decoder ask libjpeg for a 1/2, 1/4 or 1/8 scaled decode (shrink-on-load), the cheapest way to get
 * a small plane; asking sharp for metadata first would cost a second pass through libvips for every frame.
 */
export function jpegHeader(data: Buffer): { width: number; height: number; components: number } | undefined {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  let pos = 2;
  while (pos + 9 < data.length) {
    if (data[pos] !== 0xff) return undefined;
    const marker = data[pos + 1];
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    const length = data.readUInt16BE(pos + 2);
    // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames.
    const isFrameHeader = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrameHeader) {
      return { height: data.readUInt16BE(pos + 5), width: data.readUInt16BE(pos + 7), components: data[pos + 9] };
    }
    if (length < 2) return undefined;
    pos += 2 + length;
  }
  return undefined;
}
