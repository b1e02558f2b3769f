// A small fetch client for the leaders' page: bearer token, zod-checked answers, Vietnamese messages, downloads as files.
import type { z } from "zod";

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const STATUS_TEXT: Record<number, string> = {
  401: "Mã truy cập không đúng hoặc đã bị thu hồi. Hãy kiểm tra lại mã do Sở KH&CN cấp.",
  403: "Tài khoản này không có quyền xem nội dung này.",
  404: "Không tìm thấy dữ liệu yêu cầu.",
  429: "Có quá nhiều yêu cầu; vui lòng thử lại sau một phút.",
};

export class Api {
  constructor(
    private readonly token: string,
    private readonly base = "",
  ) {}

  private async fetch(path: string): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { headers: { Authorization: `Bearer ${this.token}` } });
    } catch {
      throw new ApiFailure(0, "Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.");
    }
    if (!res.ok) {
      let message = STATUS_TEXT[res.status] ?? "Máy chủ đang gặp sự cố; vui lòng thử lại sau.";
      try {
        const body = (await res.clone().json()) as { message?: unknown };
        if (res.status !== 401 && typeof body.message === "string") message = body.message;
      } catch {
        /* not JSON: keep the generic text */
      }
      throw new ApiFailure(res.status, message);
    }
    return res;
  }

  async get<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
    const res = await this.fetch(path);
    const parsed = schema.safeParse(await res.json());
    if (!parsed.success) throw new ApiFailure(0, "Máy chủ trả về dữ liệu không đúng dạng; có thể trang này cần tải lại.");
    return parsed.data;
  }

  /** Fetches a file with the token and hands it to the browser as a download. */
  async download(path: string, fallbackName: string): Promise<string> {
    const res = await this.fetch(path);
    const blob = await res.blob();
    const cd = res.headers.get("Content-Disposition") ?? "";
    const name = /filename\*=UTF-8''([^;]+)/i.exec(cd)?.[1] ?? /filename="?([^";]+)"?/i.exec(cd)?.[1] ?? fallbackName;
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = decodeURIComponent(name);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return a.download;
  }
}
