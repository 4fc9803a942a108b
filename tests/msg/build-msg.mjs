// Builds Outlook .msg files in memory for the JavaScript tests (CLI, wasm module, JS API, page):
// the same layout as the C++ tests' writer (tests/unit/msg_builder.hpp), kept to what these tests
// need: a version 3 compound file (MS-CFB) whose streams are all under 4096 bytes, so that they
// live in the mini stream. No .msg file is downloaded or checked in.
//
//   import { microsoft365Ndr } from '../msg/build-msg.mjs';
//   writeFileSync('ndr.msg', microsoft365Ndr());

const END = 0xfffffffe;
const FREE = 0xffffffff;
const FAT_SECTOR = 0xfffffffd;
const NONE = 0xffffffff;

const utf16 = (text) => {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    out[2 * i] = text.charCodeAt(i) & 0xff;
    out[2 * i + 1] = text.charCodeAt(i) >> 8;
  }
  return out;
};
const hex4 = (n) => n.toString(16).toUpperCase().padStart(4, '0');

export const stream = (name, data) => ({ name, data });
export const storage = (name, children) => ({ name, children });
/** A PtypString property (UTF-16LE) in its __substg1.0_IIII001F stream. */
export const unicode = (id, text) => stream(`__substg1.0_${hex4(id)}001F`, utf16(text));
/** A PtypBinary property. */
export const binary = (id, bytes) => stream(`__substg1.0_${hex4(id)}0102`, bytes);

/** __properties_version1.0: a header of `headerBytes`, then one 16-byte entry per [id, type, value]. */
export function properties(headerBytes, fixed = []) {
  const data = new Uint8Array(headerBytes + 16 * fixed.length);
  const view = new DataView(data.buffer);
  fixed.forEach(([id, type, value], i) => {
    const at = headerBytes + 16 * i;
    view.setUint32(at, ((id << 16) | type) >>> 0, true);
    view.setUint32(at + 4, 6, true);
    view.setUint32(at + 8, value, true);
  });
  return stream('__properties_version1.0', data);
}

export const recipient = (index, children) => storage(`__recip_version1.0_#${index.toString(16).toUpperCase().padStart(8, '0')}`, children);
export const attachment = (index, children) => storage(`__attach_version1.0_#${index.toString(16).toUpperCase().padStart(8, '0')}`, children);
/** An attachment holding an embedded message (PidTagAttachMethod 5). */
export const embeddedMessage = (index, children) =>
  attachment(index, [properties(8, [[0x3705, 0x0003, 5]]), storage('__substg1.0_3701000D', [...children, properties(24)])]);
/** The root of a .msg: the message's properties. */
export const message = (children, fixed = []) => storage('', [...children, properties(32, fixed)]);

/** Writes a tree of storages and streams as a compound file (every stream under 4096 bytes). */
export function writeCfb(root) {
  const entries = [{ node: root, left: NONE, right: NONE, child: NONE, start: END, size: 0 }];
  const pending = [0];
  while (pending.length) {
    const parent = pending.pop();
    let previous = NONE;
    for (const child of entries[parent].node.children) {
      const id = entries.length;
      entries.push({ node: child, left: NONE, right: NONE, child: NONE, start: END, size: 0 });
      if (previous === NONE) entries[parent].child = id;
      else entries[previous].right = id;
      previous = id;
      if (child.children) pending.push(id);
    }
  }
  const mini = [];
  const miniFat = [];
  let miniSize = 0;
  for (const entry of entries.slice(1)) {
    const data = entry.node.data;
    if (!data || data.length === 0) continue;
    if (data.length >= 4096) throw new Error('this writer keeps every stream in the mini stream (< 4096 bytes)');
    const first = miniSize / 64;
    const count = Math.ceil(data.length / 64);
    for (let k = 0; k < count; k++) miniFat.push(k + 1 < count ? first + k + 1 : END);
    entry.start = first;
    entry.size = data.length;
    mini.push({ at: miniSize, data });
    miniSize += count * 64;
  }
  const sectors = (bytes) => Math.ceil(bytes / 512);
  const dirSectors = sectors(entries.length * 128);
  const miniFatSectors = sectors(miniFat.length * 4);
  const miniSectors = sectors(miniSize);
  let fatSectors = 1;
  while (fatSectors * 128 < fatSectors + dirSectors + miniFatSectors + miniSectors) fatSectors++;
  const dirStart = fatSectors;
  const miniFatStart = dirStart + dirSectors;
  const miniStart = miniFatStart + miniFatSectors;
  const total = miniStart + miniSectors;

  const file = new Uint8Array(512 * (1 + total));
  const view = new DataView(file.buffer);
  const at = (sector) => 512 * (sector + 1);
  file.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  view.setUint16(24, 0x3e, true);
  view.setUint16(26, 3, true);
  view.setUint16(28, 0xfffe, true);
  view.setUint16(30, 9, true);
  view.setUint16(32, 6, true);
  view.setUint32(44, fatSectors, true);
  view.setUint32(48, dirStart, true);
  view.setUint32(56, 4096, true);
  view.setUint32(60, miniFatSectors ? miniFatStart : END, true);
  view.setUint32(64, miniFatSectors, true);
  view.setUint32(68, END, true);
  for (let i = 0; i < 109; i++) view.setUint32(76 + 4 * i, i < fatSectors ? i : FREE, true);
  const fat = new Array(fatSectors * 128).fill(FREE);
  for (let s = 0; s < fatSectors; s++) fat[s] = FAT_SECTOR;
  const chain = (first, count) => {
    for (let k = 0; k < count; k++) fat[first + k] = k + 1 < count ? first + k + 1 : END;
  };
  chain(dirStart, dirSectors);
  chain(miniFatStart, miniFatSectors);
  chain(miniStart, miniSectors);
  fat.forEach((value, i) => view.setUint32(at(0) + 4 * i, value, true));
  entries[0].start = miniSectors ? miniStart : END;
  entries[0].size = miniSize;
  for (let i = 0; i < dirSectors * 4; i++) {
    const base = at(dirStart) + 128 * i;
    view.setUint32(base + 68, NONE, true);
    view.setUint32(base + 72, NONE, true);
    view.setUint32(base + 76, NONE, true);
    const entry = entries[i];
    if (!entry) continue;
    const name = utf16(i === 0 ? 'Root Entry' : entry.node.name);
    file.set(name, base);
    view.setUint16(base + 64, name.length + 2, true);
    file[base + 66] = i === 0 ? 5 : entry.node.children ? 1 : 2;
    file[base + 67] = 1;
    view.setUint32(base + 68, entry.left, true);
    view.setUint32(base + 72, entry.right, true);
    view.setUint32(base + 76, entry.child, true);
    view.setUint32(base + 116, entry.start, true);
    view.setUint32(base + 120, entry.size, true);
  }
  miniFat.forEach((value, i) => view.setUint32(at(miniFatStart) + 4 * i, value, true));
  for (let i = miniFat.length; i < miniFatSectors * 128; i++) view.setUint32(at(miniFatStart) + 4 * i, FREE, true);
  for (const { at: offset, data } of mini) file.set(data, at(miniStart) + offset);
  return file;
}

/**
 * A Microsoft 365 non-delivery report as Outlook saves it: transport headers, the body Outlook
 * shows, the recipient table (bob@example.com, the server's reply) and the original message
 * embedded. Explained, it gives one record: `to` (bob@example.com), 5.1.10, userunknown.
 */
export function microsoft365Ndr(to = 'bob@example.com') {
  const [user, domain] = to.split('@');
  const headers = [
    'From: Microsoft Outlook <postmaster@contoso.onmicrosoft.com>',
    'To: Alice Sender <alice@contoso.com>',
    'Subject: Undeliverable: Quarterly report',
    'Date: Mon, 7 Dec 2026 10:00:02 +0000',
    'Content-Type: multipart/report; report-type=delivery-status;',
    '\tboundary="b1_not_in_this_text"',
    'MIME-Version: 1.0',
    '',
  ].join('\r\n');
  const body = [
    `Your message to ${to} couldn't be delivered.`,
    `${user} wasn't found at ${domain}.`,
    '',
    'Diagnostic information for administrators:',
    '',
    'Generating server: DM6PR01MB0002.prod.outlook.com',
    '',
    to,
    "Remote server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'",
    '',
  ].join('\r\n');
  return writeCfb(
    message([
      unicode(0x001a, 'REPORT.IPM.Note.NDR'),
      unicode(0x0037, 'Undeliverable: Quarterly report'),
      unicode(0x007d, headers),
      unicode(0x1000, body),
      recipient(0, [
        unicode(0x3001, `${user} (display name)`),
        unicode(0x39fe, to),
        unicode(0x0c1b, "Remote server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'"),
        properties(8, [[0x0c15, 0x0003, 1]]),
      ]),
      embeddedMessage(0, [
        unicode(0x001a, 'IPM.Note'),
        unicode(0x0037, 'Quarterly report'),
        unicode(0x0c1a, 'Alice Sender'),
        unicode(0x5d01, 'alice@contoso.com'),
        unicode(0x1000, 'Hi Bob,\r\nthe figures are attached.\r\n'),
      ]),
    ]),
  );
}

/** The same file with its message class saying it is encrypted (S/MIME). */
export function encryptedMsg() {
  return writeCfb(message([unicode(0x001a, 'IPM.Note.SMIME'), unicode(0x0037, 'Secret')]));
}
