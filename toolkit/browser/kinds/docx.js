/* The Word writer, loaded on demand by template.js when someone presses "Download my document
   (Word)": never linked from a page, so it adds nothing to a page's weight until it is wanted.
 *
 * TK.docx.bytes(blocks) makes a .docx (Office Open XML) from the preview's blocks, in the
 * browser: {h: 1-3, text} become Word's built-in Heading 1-3, {p: text} Normal paragraphs (a line
 * break kept as a break), {li: text} bulleted paragraphs. A .docx is a zip of a few XML parts;
 * this writes them uncompressed ("stored"), which every reader accepts. TK.docx.save(name,
 * blocks) hands the file to the browser as a download: nothing is sent anywhere.
 */
(function () {
  "use strict";
  var TK = (window.TK = window.TK || {});
  if (TK.docx) return;

  var W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  var XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

  function esc(text) {
    return String(text).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function runs(text) {
    return String(text).split("\n").map(function (line) {
      return '<w:r><w:t xml:space="preserve">' + esc(line) + "</w:t></w:r>";
    }).join("<w:r><w:br/></w:r>");
  }
  function para(style, text) {
    return "<w:p>" + (style ? '<w:pPr><w:pStyle w:val="' + style + '"/></w:pPr>' : "") + runs(text) + "</w:p>";
  }

  function documentXml(blocks) {
    var body = blocks.map(function (b) {
      if (b.h) return para("Heading" + Math.min(Math.max(b.h, 1), 3), b.text);
      if (b.li) return para("ListBullet", "\u2022\t" + b.li);
      return para(null, b.p);
    }).join("");
    if (!body) body = "<w:p/>";
    return XML + "<w:document " + W + "><w:body>" + body +
      '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"' +
      ' w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>';
  }

  function style(id, name, size, extra) {
    return '<w:style w:type="paragraph" w:styleId="' + id + '"><w:name w:val="' + name + '"/><w:basedOn w:val="Normal"/>' +
      '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="' + (extra || 200) + '" w:after="60"/>' +
      '<w:outlineLvl w:val="' + (Number(id.slice(-1)) - 1) + '"/></w:pPr><w:rPr><w:b/><w:sz w:val="' + size + '"/></w:rPr></w:style>';
  }
  var STYLES = XML + "<w:styles " + W + ">" +
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>' +
    '<w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>' +
    '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    style("Heading1", "heading 1", 36, 0) + style("Heading2", "heading 2", 28) + style("Heading3", "heading 3", 23) +
    '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/>' +
    '<w:pPr><w:tabs><w:tab w:val="left" w:pos="360"/></w:tabs><w:spacing w:after="60"/><w:ind w:left="360" w:hanging="360"/></w:pPr></w:style>' +
    "</w:styles>";

  var PARTS = {
    "[Content_Types].xml": XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
      "</Types>",
    "_rels/.rels": XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      "</Relationships>",
    "word/_rels/document.xml.rels": XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      "</Relationships>",
    "word/styles.xml": STYLES
  };

  // ---- a zip of stored (uncompressed) files
  var CRC = [];
  for (var n = 0; n < 256; n++) {
    var c = n;
    for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    CRC[n] = c >>> 0;
  }
  function crc32(bytes) {
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) c = CRC[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }
  function zip(files) {
    var enc = new TextEncoder(), chunks = [], central = [], offset = 0, size = 0;
    function header(sig, len) { var v = new DataView(new ArrayBuffer(len)); v.setUint32(0, sig, true); return v; }
    files.forEach(function (f) {
      var name = enc.encode(f[0]), data = enc.encode(f[1]), crc = crc32(data);
      var local = header(0x04034b50, 30);
      // version 2.0; no flags; stored; time 00:00, date 1 Jan 2020 (a fixed date: the same answers make the same file)
      [[4, 20], [6, 0], [8, 0], [10, 0], [12, 0x5021]].forEach(function (p) { local.setUint16(p[0], p[1], true); });
      local.setUint32(14, crc, true);
      local.setUint32(18, data.length, true);
      local.setUint32(22, data.length, true);
      local.setUint16(26, name.length, true);
      var dir = header(0x02014b50, 46);
      [[4, 20], [6, 20], [8, 0], [10, 0], [12, 0], [14, 0x5021]].forEach(function (p) { dir.setUint16(p[0], p[1], true); });
      dir.setUint32(16, crc, true);
      dir.setUint32(20, data.length, true);
      dir.setUint32(24, data.length, true);
      dir.setUint16(28, name.length, true);
      dir.setUint32(42, offset, true);
      chunks.push(new Uint8Array(local.buffer), name, data);
      central.push(new Uint8Array(dir.buffer), name);
      offset += 30 + name.length + data.length;
    });
    central.forEach(function (c) { size += c.length; });
    var end = header(0x06054b50, 22);
    end.setUint16(8, files.length, true);
    end.setUint16(10, files.length, true);
    end.setUint32(12, size, true);
    end.setUint32(16, offset, true);
    return new Blob(chunks.concat(central, [new Uint8Array(end.buffer)]),
      { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
  }

  TK.docx = {
    /** The .docx file for these blocks, as a Blob. */
    bytes: function (blocks) {
      var files = Object.keys(PARTS).map(function (k) { return [k, PARTS[k]]; });
      files.splice(2, 0, ["word/document.xml", documentXml(blocks)]);
      return zip(files);
    },
    /** Offer the file as a download called `name`. */
    save: function (name, blocks) {
      var a = document.createElement("a");
      a.href = URL.createObjectURL(TK.docx.bytes(blocks));
      a.download = name;
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }
  };
})();
