// Draws the studio's app icons (web/icons/*.png, committed) from web/favicon.svg with headless
// Chromium, once: run again only when the favicon changes. `node scripts/make-icons.mjs`
// (needs tests/ npm deps: scripts/setup.sh). Chromium wants PNG icons of 192 and 512 px to
// call a site installable; a "maskable" one fills the whole square (launchers cut it to a
// circle or a squircle), so it is the favicon's background colour edge to edge with the
// pattern well inside the central 80 % safe zone. The page's favicon is a PNG too (32 px): an
// SVG favicon costs Chromium a whole SVG document on the page's main thread (15 ms measured),
// just as the first frame is due.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "../tests/support/browser.mjs";

const web = join(import.meta.dirname, "..", "web");
const svg = readFileSync(join(web, "favicon.svg"), "utf8");
const background = svg.match(/fill="(#[0-9a-f]{6})"/i)?.[1];
if (!background) throw new Error("make-icons: no background colour in web/favicon.svg");

const ICONS = [
  { file: "icon-32.png", size: 32, maskable: false },
  { file: "icon-192.png", size: 192, maskable: false },
  { file: "icon-512.png", size: 512, maskable: false },
  { file: "icon-maskable-512.png", size: 512, maskable: true },
];

const browser = await launchChromium();
try {
  for (const { file, size, maskable } of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    // Maskable: the favicon drawn at 80 % (its pattern, half of it, stays in the safe circle) on a full square.
    const inner = maskable ? Math.round(size * 0.8) : size;
    const uri = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
    await page.setContent(
      `<body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;` +
        `background:${maskable ? background : "transparent"}">` +
        `<img src="${uri}" width="${inner}" height="${inner}"></body>`,
    );
    await page.locator("img").evaluate((img) => img.decode());
    await page.screenshot({ path: join(web, "icons", file), omitBackground: !maskable });
    await page.close();
    console.log(`make-icons: web/icons/${file} (${size} px${maskable ? ", maskable" : ""})`);
  }
} finally {
  await browser.close();
}
