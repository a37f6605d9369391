import type { LandingText } from '../content';

const SIZE = 25; // a version-2 QR symbol

/**
 * A drawing of a QR symbol for the sample poster: real finder, timing and alignment patterns, pseudo-random modules
 * elsewhere. It encodes nothing, on purpose: the sample must not send anyone anywhere.
 */
function sampleModules(): boolean[][] {
  const dark = Array.from({ length: SIZE }, () => Array<boolean>(SIZE).fill(false));
  const reserved = Array.from({ length: SIZE }, () => Array<boolean>(SIZE).fill(false));
  const set = (row: number, col: number, value: boolean) => {
    dark[row][col] = value;
    reserved[row][col] = true;
  };

  const square = (top: number, left: number, size: number) => {
    for (let r = -1; r <= size; r++) {
      for (let c = -1; c <= size; c++) {
        const row = top + r;
        const col = left + c;
        if (row < 0 || col < 0 || row >= SIZE || col >= SIZE) continue;
        const ring = Math.max(Math.abs(r - (size - 1) / 2), Math.abs(c - (size - 1) / 2));
        const onBorder = ring === (size - 1) / 2;
        const inCore = ring <= (size - 1) / 2 - 2;
        set(row, col, r >= 0 && c >= 0 && r < size && c < size && (onBorder || inCore));
      }
    }
  };
  square(0, 0, 7);
  square(0, SIZE - 7, 7);
  square(SIZE - 7, 0, 7);
  square(SIZE - 9, SIZE - 9, 5);
  for (let i = 8; i < SIZE - 8; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }

  let seed = 0x2f6e2b1;
  for (let row = 0; row < SIZE; row++) {
    for (let col = 0; col < SIZE; col++) {
      if (reserved[row][col]) continue;
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      dark[row][col] = (seed >> 16) % 2 === 0;
    }
  }
  return dark;
}

/** One SVG path, a rectangle per horizontal run of dark modules. */
function modulesPath(modules: boolean[][]): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    let x = 0;
    while (x < SIZE) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < SIZE && row[x]) x++;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return parts.join('');
}

const SAMPLE_PATH = modulesPath(sampleModules());

export function QrPoster({ text }: { text: LandingText['poster'] }) {
  return (
    <figure className="poster" role="img" aria-label={text.label}>
      <div className="poster__sheet" aria-hidden="true">
        <p className="poster__scan">{text.scan}</p>
        <svg className="poster__qr" viewBox={`-2 -2 ${SIZE + 4} ${SIZE + 4}`} focusable="false">
          <rect x="-2" y="-2" width={SIZE + 4} height={SIZE + 4} className="poster__qr-bg" />
          <path d={SAMPLE_PATH} className="poster__qr-fg" />
        </svg>
        <p className="poster__service">{text.service}</p>
        <p className="poster__branch">{text.branch}</p>
        <p className="poster__address">{text.address}</p>
      </div>
    </figure>
  );
}
