// Drops an ELF64 executable's symbol tables and debug sections (what `strip` does), in JavaScript
// because binutils' strip here reads only this machine's architecture and npm's Node binaries
// ship them: about 17 MB of the 125 MB, 4 MB of the zip. Only sections outside every loaded
// segment go (no SHF_ALLOC flag): the program itself is unchanged byte for byte.
import { readFileSync, writeFileSync } from 'node:fs';

const SHF_ALLOC = 0x2;
const SHF_INFO_LINK = 0x40;
const SHT_NOBITS = 8;

export function stripElf(input, output) {
  const file = readFileSync(input);
  if (file.readUInt32BE(0) !== 0x7f454c46 || file[4] !== 2 || file[5] !== 1) throw new Error(`${input}: not a little-endian ELF64 file`);
  const shoff = Number(file.readBigUInt64LE(0x28));
  const phoff = Number(file.readBigUInt64LE(0x20));
  const phentsize = file.readUInt16LE(0x36);
  const phnum = file.readUInt16LE(0x38);
  const shentsize = file.readUInt16LE(0x3a);
  const shnum = file.readUInt16LE(0x3c);
  const shstrndx = file.readUInt16LE(0x3e);
  const section = (i) => {
    const at = shoff + i * shentsize;
    return { at, flags: Number(file.readBigUInt64LE(at + 8)), type: file.readUInt32LE(at + 4), offset: Number(file.readBigUInt64LE(at + 24)), size: Number(file.readBigUInt64LE(at + 32)) };
  };
  const sections = Array.from({ length: shnum }, (_, i) => section(i));
  const kept = sections.map((s, i) => i === 0 || i === shstrndx || (s.flags & SHF_ALLOC) !== 0);
  // Everything the loader maps, and every kept section, ends before `end`.
  let end = 0;
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    end = Math.max(end, Number(file.readBigUInt64LE(at + 8)) + Number(file.readBigUInt64LE(at + 32)));
  }
  sections.forEach((s, i) => {
    if (kept[i] && i !== shstrndx && s.type !== SHT_NOBITS) end = Math.max(end, s.offset + s.size);
  });
  const newIndex = [];
  let count = 0;
  kept.forEach((keep, i) => (newIndex[i] = keep ? count++ : 0));
  // Layout: [0, end) unchanged, the section-name table, then the section headers (8-aligned).
  const names = sections[shstrndx];
  const namesAt = end;
  const headersAt = Math.ceil((namesAt + names.size) / 8) * 8;
  const out = Buffer.alloc(headersAt + count * shentsize);
  file.copy(out, 0, 0, end);
  file.copy(out, namesAt, names.offset, names.offset + names.size);
  let written = 0;
  sections.forEach((s, i) => {
    if (!kept[i]) return;
    const target = headersAt + written++ * shentsize;
    file.copy(out, target, s.at, s.at + shentsize);
    if (i === shstrndx) out.writeBigUInt64LE(BigInt(namesAt), target + 24);
    // sh_link points at another section: renumber it (0 when that one was dropped).
    const link = out.readUInt32LE(target + 40);
    if (link < shnum) out.writeUInt32LE(newIndex[link], target + 40);
    // So does sh_info of relocation sections (SHF_INFO_LINK); elsewhere it is not an index.
    const info = out.readUInt32LE(target + 44);
    if (s.flags & SHF_INFO_LINK && info < shnum) out.writeUInt32LE(newIndex[info], target + 44);
  });
  out.writeBigUInt64LE(BigInt(headersAt), 0x28);
  out.writeUInt16LE(count, 0x3c);
  out.writeUInt16LE(newIndex[shstrndx], 0x3e);
  writeFileSync(output, out, { mode: 0o755 });
  return { before: file.length, after: out.length };
}
