// peers.mjs -- franc and languagedetect on the texts of stdin (one JSON string
// a line); prints "franc<TAB>languagedetect" a line, in pisar's codes.
// Run from a folder where `npm install franc languagedetect` was done (see
// bench/langid/run.py --peers).
import { createRequire } from 'node:module';
import readline from 'node:readline';
import path from 'node:path';

const dir = process.argv[2];
const require = createRequire(path.join(dir, 'x.js'));
const { franc } = await import(path.join(dir, 'node_modules/franc/index.js'));
const LanguageDetect = require('languagedetect');
const ld = new LanguageDetect();

const ISO3 = {
  rus: 'ru', ukr: 'uk', bel: 'be', bul: 'bg', mkd: 'mk', srp: 'sr', hrv: 'hr', bos: 'bs',
  kaz: 'kk', eng: 'en', deu: 'de', fra: 'fr', spa: 'es', ita: 'it', pol: 'pl', ces: 'cs',
  slk: 'sk', slv: 'sl', hun: 'hu', ron: 'ro', tur: 'tr', lit: 'lt', lvs: 'lv', lav: 'lv',
  ekk: 'et', est: 'et', nld: 'nl', por: 'pt', dan: 'da', swe: 'sv', nob: 'no', nno: 'no',
  fin: 'fi',
};
const NAMES = {
  russian: 'ru', ukrainian: 'uk', bulgarian: 'bg', macedonian: 'mk', serbian: 'sr',
  croatian: 'hr', kazakh: 'kk', english: 'en', german: 'de', french: 'fr', spanish: 'es',
  italian: 'it', polish: 'pl', czech: 'cs', slovak: 'sk', slovene: 'sl', hungarian: 'hu',
  romanian: 'ro', turkish: 'tr', lithuanian: 'lt', latvian: 'lv', estonian: 'et',
  dutch: 'nl', portuguese: 'pt', danish: 'da', swedish: 'sv', norwegian: 'no', finnish: 'fi',
};

const rl = readline.createInterface({ input: process.stdin });
const out = [];
for await (const line of rl) {
  const t = JSON.parse(line);
  const f = franc(t, { minLength: 1 });
  const l = ld.detect(t, 1);
  out.push(`${ISO3[f] || f}\t${l.length ? NAMES[l[0][0]] || l[0][0] : 'und'}`);
}
process.stdout.write(out.join('\n') + '\n');
