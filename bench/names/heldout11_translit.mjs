// heldout11_translit.mjs -- the romanizers of make_heldout11.py: npm packages
// that transliterate with their own code and tables (none is pisar's).
//   NODE_PATH=DIR/node_modules node heldout11_translit.mjs < names.tsv
// Input: lang<TAB>name a line; output: lang<TAB>name<TAB>source<TAB>spelling.
// Packages (npm, versions as installed by make_heldout11.py): iuliia 0.8.2
// (MIT; its schemes used as an engine only), cyrillic-to-translit-js 3.2.1
// (MIT), transliteration 2.6.1 (MIT), @sindresorhus/transliterate 2.3.1 (MIT),
// any-ascii 0.3.3 (ISC), @natlibfi/sfs-4900 1.1.0 (MIT; Finnish SFS 4900).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
const require = createRequire(process.env.NODE_PATH + "/");
const out = (s) => process.stdout.write(s);
console.log = () => {}; // sfs-4900 logs its language to stdout
const iu = require("iuliia");
const c2t = require("cyrillic-to-translit-js");
const tl = require("transliteration");
const anyAscii = require("any-ascii");
const sfs = require("@natlibfi/sfs-4900");
const sindre = (await import(process.env.NODE_PATH + "/@sindresorhus/transliterate/index.js")).default;
const IU = ["WIKIPEDIA", "ICAO_DOC_9303", "MOSMETRO", "TELEGRAM", "YANDEX_MAPS", "SCIENTIFIC",
  "BGN_PCGN", "ALA_LC", "MVD_310", "MVD_782", "UNGEGN_1987", "BS_2979", "GOST_16876", "ISO_9_1968"];
const engines = (lang) => {
  const e = [
    ["npm:cyrillic-to-translit-js", (s) => c2t({ preset: lang === "uk" ? "uk" : "ru" }).transform(s)],
    ["npm:transliteration", (s) => tl.transliterate(s)],
    ["npm:sindresorhus", (s) => sindre(s)],
    ["npm:any-ascii", (s) => (anyAscii.default || anyAscii)(s)],
    ["npm:sfs-4900", (s) => sfs.convertToLatin(s, lang === "uk" ? "ukr" : "rus").result],
  ];
  if (lang === "ru") for (const k of IU) e.push(["iuliia:" + k.toLowerCase(), (s) => iu.translate(s, iu[k])]);
  return e;
};
for (const line of readFileSync(0, "utf-8").split("\n")) {
  if (!line) continue;
  const [lang, name] = line.split("\t");
  for (const [src, f] of engines(lang)) {
    out(`${lang}\t${name}\t${src}\t${f(name)}\n`);
    out(`${lang}\t${name}\t${src}:caps\t${f(name.toUpperCase())}\n`);
  }
}
