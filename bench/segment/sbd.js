// sbd.js -- the peer: npm "sbd" (Sentence Boundary Detection). Reads stdin,
// segments each line (a paragraph) and prints one sentence a line.
const sbd = require('sbd');
let data = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => { data += c; });
process.stdin.on('end', () => {
  const out = [];
  for (const para of data.split('\n')) {
    if (!para.trim()) continue;
    for (const s of sbd.sentences(para, { newline_boundaries: false, sanitize: false }))
      out.push(s.replace(/\s*\n\s*/g, ' ').trim());
  }
  process.stdout.write(out.filter((s) => s).join('\n') + '\n');
});
