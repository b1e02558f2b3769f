/**
 * Agency names compared the way people write them. No catalog import, so the add-in and shared/validate can match a
 * unit's agency names against task rows without bundling tasks.json.
 */

/** Abbreviations staff write for the agencies of the appendices (matched after lowercasing). */
const ABBREVIATIONS: [RegExp, string][] = [
  [/kh\s*&\s*cn/g, "khoa học và công nghệ"],
  [/nn\s*&\s*mt/g, "nông nghiệp và môi trường"],
  [/gd\s*&\s*đt/g, "giáo dục và đào tạo"],
  [/vh\s*,?\s*tt\s*&\s*dl/g, "văn hóa, thể thao và du lịch"],
  [/ủy ban nhân dân/g, "ubnd"],
  [/^vp\s/g, "văn phòng "],
];

/**
 * For matching agency names: NFC, lowercase, single spaces, old/new tone placement made equal ("hoá" = "hóa"),
 * common abbreviations expanded ("Sở KH&CN" = "Sở Khoa học và Công nghệ", "Ủy ban nhân dân tỉnh" = "UBND tỉnh").
 */
export function foldAgency(s: string): string {
  let out = s
    .normalize("NFC")
    .toLocaleLowerCase("vi")
    .replace(/o([áàảãạ])/g, (_m, v: string) => ({ á: "óa", à: "òa", ả: "ỏa", ã: "õa", ạ: "ọa" })[v] ?? _m)
    .replace(/u([ýỳỷỹỵ])/g, (_m, v: string) => ({ ý: "úy", ỳ: "ùy", ỷ: "ủy", ỹ: "ũy", ỵ: "ụy" })[v] ?? _m)
    .replace(/\s+/g, " ")
    .trim();
  for (const [re, full] of ABBREVIATIONS) out = out.replace(re, full);
  return out;
}
