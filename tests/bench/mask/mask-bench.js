// The in-page half of the mask benchmark (tests/bench/mask.mjs drives it through
// `window.maskBench.run(options)`): our `Mask` against the browser's own PNG encoder, and
// the cost of one brush event. Only the calls under test are inside the timed regions.
import init, { Mask } from "/pkg/gptunnel_mask.js";

const SIZE = 2048;

/** What a user might paint before an inpaint: two boxes, a lasso star and three brush strokes. */
function drawMask(mask) {
  mask.rect(160, 220, 560, 380);
  mask.rect(1320, 1480, 520, 340);
  const star = [];
  for (let k = 0; k < 10; k++) {
    const angle = (Math.PI * k) / 5 - Math.PI / 2;
    const r = k % 2 === 0 ? 520 : 220;
    star.push(1024 + r * Math.cos(angle), 1024 + r * Math.sin(angle));
  }
  mask.lasso(star);
  for (const [y, radius] of [[400, 24], [1200, 40], [1800, 60]]) {
    const points = [];
    for (let x = 100; x <= 1950; x += 25) points.push(x, y + 120 * Math.sin(x / 150));
    mask.stroke(points, radius);
  }
}

/** A scribble over the whole mask, a few pixels per step, like pointer moves of a hand. */
const scribble = (i) => [1024 + 850 * Math.sin(i * 0.012 + 0.3), 1024 + 850 * Math.sin(i * 0.008)];

/** `events` brush events of `radius` along the scribble on a fresh mask: ms per event. */
function brush(events, radius) {
  const mask = new Mask(SIZE, SIZE);
  const times = new Array(events);
  let [x0, y0] = scribble(0);
  let length = 0;
  for (let i = 0; i < events; i++) {
    const [x1, y1] = scribble(i + 1);
    const start = performance.now();
    mask.stroke([x0, y0, x1, y1], radius);
    times[i] = performance.now() - start;
    length += Math.hypot(x1 - x0, y1 - y0);
    [x0, y0] = [x1, y1];
  }
  const white = mask.countWhite();
  mask.free();
  return { times, meanSegmentPx: length / events, whitePixels: white };
}

/** Bytes of the file behind base64 text (padding aware). */
const base64Bytes = (text) => Math.floor((text.length * 3) / 4) - (text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0);

/** One encode by our Mask of a freshly drawn mask: { ms, bytes }. */
function encodeOurs() {
  const mask = new Mask(SIZE, SIZE);
  drawMask(mask);
  const start = performance.now();
  const base64 = mask.toBase64Png();
  const ms = performance.now() - start;
  mask.free();
  return { ms, bytes: base64Bytes(base64) };
}

/** The same pixels as ImageData, decoded from our PNG, checked to be exactly black and white. */
async function maskAsImageData() {
  const mask = new Mask(SIZE, SIZE);
  drawMask(mask);
  const white = mask.countWhite();
  const bitmap = await createImageBitmap(new Blob([mask.toPng()], { type: "image/png" }));
  mask.free();
  const ctx = Object.assign(document.createElement("canvas"), { width: SIZE, height: SIZE }).getContext("2d");
  ctx.drawImage(bitmap, 0, 0);
  const image = ctx.getImageData(0, 0, SIZE, SIZE);
  let canvasWhite = 0;
  let other = 0;
  for (let p = 0; p < image.data.length; p += 4) {
    const [r, g, b, a] = [image.data[p], image.data[p + 1], image.data[p + 2], image.data[p + 3]];
    if (a !== 255 || r !== g || g !== b || (r !== 0 && r !== 255)) other++;
    else if (r === 255) canvasWhite++;
  }
  return { image, sameContent: other === 0 && canvasWhite === white, whitePixels: white };
}

/** One canvas.toDataURL("image/png") of `image` on a fresh canvas: { ms, bytes }. */
function encodeCanvas(image) {
  const canvas = Object.assign(document.createElement("canvas"), { width: SIZE, height: SIZE });
  const ctx = canvas.getContext("2d");
  ctx.putImageData(image, 0, 0);
  ctx.getImageData(0, 0, 1, 1); // flush the pending draw outside the timed region
  const start = performance.now();
  const url = canvas.toDataURL("image/png");
  const ms = performance.now() - start;
  return { ms, bytes: base64Bytes(url.slice(url.indexOf(",") + 1)) };
}

/** `calls` encodes of each kind, alternating (and alternating which goes first): a slow spell
 * of the machine hits both alike. */
function encodeBoth(image, calls) {
  const ours = { ms: [], bytes: 0 };
  const canvas = { ms: [], bytes: 0 };
  const record = (into, { ms, bytes }) => {
    into.ms.push(ms);
    into.bytes = bytes;
  };
  for (let i = 0; i < calls; i++) {
    if (i % 2 === 0) {
      record(ours, encodeOurs());
      record(canvas, encodeCanvas(image));
    } else {
      record(canvas, encodeCanvas(image));
      record(ours, encodeOurs());
    }
  }
  return { ours, canvas };
}

async function run({ brushEvents, brushRadius, encodeCalls }) {
  const brushResult = brush(brushEvents, brushRadius);
  const { image, sameContent, whitePixels } = await maskAsImageData();
  return {
    crossOriginIsolated: self.crossOriginIsolated,
    brush: brushResult,
    ...encodeBoth(image, encodeCalls),
    sameContent,
    whitePixels,
  };
}

await init();
window.maskBench = { run };
