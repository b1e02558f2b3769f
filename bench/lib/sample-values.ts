// What clerks type, per kind of row (shared/catalog ExpectKind), varied by v in 0..99: the values the export bench loads
// and the export tests push (test/worker/export-pages.test.ts), so both exercise the same spread of inputs.
export function rawFor(kind: string | undefined, v: number): string {
  switch (kind) {
    case "percentShare":
      return v % 3 === 0 ? `${v},5%` : `${v}%`;
    case "percentOpen":
      return `${v + 50}%`;
    case "index":
      return `0,${String(v).padStart(2, "0")}`;
    case "count":
      return v % 4 === 0 ? (v * 37 + 1000).toLocaleString("vi-VN") : String(v * 13 + 1);
    case "amount":
      return String(v * 3 + 10);
    case "yesno":
      return v % 2 ? "Có" : "Không";
    case "status":
      return v % 2 ? "Hoàn thành" : "Đang thực hiện";
    case "rankGroup":
      return `Nhóm ${(v % 10) + 1}`;
    case "rank":
      return String((v % 60) + 1);
    default:
      return "Đã triển khai";
  }
}
