/** What people call each form, with who fills it: for lists, buttons and file names a person reads. */
const NAMES: Record<string, string> = {
  "pl1-tinh": "Phụ lục I – Chỉ tiêu của tỉnh (sở, ngành)",
  "pl1-xa": "Phụ lục 1 – Chỉ tiêu của xã, phường",
  "pl2-xa": "Phụ lục 2 – Nhiệm vụ của xã, phường",
  "tiendo-nv": "Tiến độ nhiệm vụ của Kế hoạch (sở, ngành)",
};

export function formDisplayName(form: { id: string; title: string[] }): string {
  return NAMES[form.id] ?? (form.title[0] ?? form.id).split(":")[0]!.trim();
}
