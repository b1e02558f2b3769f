export const ADMIN_CODE: string;
export const ADMIN_NAME: string;
export function bootstrapSql(t: { id: string; hash: string }): string[];
