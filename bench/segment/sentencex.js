// sentencex.js -- the peer: npm "sentencex" (Wikimedia's segmenter) for the
// language given as argv[2]. Reads stdin, segments each line (a paragraph),
// prints one sentence a line.
const mod = require('sentencex');
const segment = mod.segment || (mod.default && mod.default.segment) || mod.default;
const lang = process.argv[2] || 'en';
let data = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => { data += c; });
process.stdin.on('end', () => {
  const out = [];
  for (const para of data.split('\n')) {
    if (!para.trim()) continue;
    for (const s of segment(lang, para)) out.push(String(s).replace(/\s*\n\s*/g, ' ').trim());
  }
  process.stdout.write(out.filter((s) => s).join('\n') + '\n');
});
