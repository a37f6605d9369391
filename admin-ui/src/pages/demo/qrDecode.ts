import jsQR from 'jsqr';

/** The text of the first QR code in an image's pixels, or null. */
export function decodePixels(data: Uint8ClampedArray, width: number, height: number): string | null {
  return jsQR(data, width, height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * Decodes a QR code from an uploaded image (PNG, JPEG, SVG…). The image is loaded from a data: URL (the CSP allows
 * images from 'self' and data: only), drawn on a white canvas and handed to jsQR.
 */
export async function decodeImageFile(file: Blob): Promise<string | null> {
  const url = await readAsDataUrl(file);
  const image = new Image();
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('not an image'));
    image.src = url;
  });
  const natural = Math.max(image.naturalWidth, image.naturalHeight);
  const scale = natural > 0 ? Math.min(4, Math.max(1, 800 / natural)) : 1;
  const width = Math.round((image.naturalWidth || 800) * scale);
  const height = Math.round((image.naturalHeight || 800) * scale);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(image, 0, 0, width, height);
  return decodePixels(context.getImageData(0, 0, width, height).data, width, height);
}
