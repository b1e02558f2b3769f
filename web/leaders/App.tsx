// The leaders' page: sign in with a viewer or admin token, pick a period, see who has reported, the assessment
// counts the way the department's report words them, and download each merged table. Vietnamese, usable on a phone.
import { useCallback, useEffect, useMemo, useState } from "react";
import {
  Badge,
  Button,
  Card,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { z } from "zod";
import { CATEGORIES, CATEGORY_LABELS, type Category } from "../../shared/assess/judge.js";
import { forms, getForm } from "../../shared/forms/index.js";
import { formDisplayName } from "../../shared/forms/names.js";
import { formDueIn } from "../../shared/periods/index.js";
import { completenessSchema, meSchema, periodsResponseSchema, summarySchema, type CompletenessRow, type Me, type PeriodInfo } from "../../shared/schemas/index.js";
import { formatVnDate, formatVnDateTime } from "../../shared/time.js";
import { Api, ApiFailure } from "./api.js";

const TOKEN_KEY = "chiTieu.leaders.token";

const useStyles = makeStyles({
  page: { maxWidth: "1100px", margin: "0 auto", padding: "16px", display: "flex", flexDirection: "column", gap: "16px", fontFamily: tokens.fontFamilyBase },
  header: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "center", justifyContent: "space-between" },
  card: { display: "flex", flexDirection: "column", gap: "10px", padding: "16px" },
  row: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "center" },
  counts: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(150px, 1fr))", gap: "8px" },
  count: { display: "flex", flexDirection: "column", gap: "2px", padding: "8px", borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground2 },
  big: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero700 },
  tableWrap: { overflowX: "auto" },
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200, "& td, & th": { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: "4px 6px", textAlign: "left", verticalAlign: "top" } },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** The same colours as the assessment cells of the pulled sheet and the .xlsx export. */
const TONE_COLOR: Record<Category, string> = {
  vuot: tokens.colorPaletteGreenBorderActive,
  dat: tokens.colorPaletteLightGreenBorderActive,
  uoc_dat: tokens.colorPaletteBlueBorderActive,
  du_kien_khong_dat: tokens.colorPaletteMarigoldBorderActive,
  khong_dat: tokens.colorPaletteRedBorderActive,
  chua_danh_gia: tokens.colorNeutralStroke1,
};

/** What the page needs of a merged indicator table: the server's summary counts (per category, per group, sentence). */
const mergedSummaryOnly = z.object({ summary: summarySchema.optional() });

type Counts = { counts: Record<Category, number>; sentence: string | null; groups: { group: string; title?: string | undefined; counts: Record<Category, number> }[] };

function countsOf(m: z.infer<typeof mergedSummaryOnly>): Counts | null {
  if (!m.summary) return null;
  const pick = (by: Record<string, number>) => Object.fromEntries(CATEGORIES.map((c) => [c, by[c] ?? 0])) as Record<Category, number>;
  return {
    counts: pick(m.summary.total.byCategory),
    sentence: m.summary.sentence,
    groups: m.summary.groups.map((g) => ({ group: g.group, title: g.title, counts: pick(g.byCategory) })),
  };
}

export function App() {
  const [token, setToken] = useState(() => localStorage.getItem(TOKEN_KEY) ?? "");
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const api = useMemo(() => (me ? new Api(token) : null), [me, token]);

  const signIn = useCallback(async (t: string) => {
    setBusy(true);
    setError(null);
    try {
      const who = await new Api(t.trim()).get("/api/me", meSchema);
      const roles = who.roles ?? [who.role];
      if (!roles.includes("viewer") && !roles.includes("admin")) {
        setError(`Tài khoản của «${who.name}» dùng để gửi số liệu, không có quyền xem bảng tổng hợp. Hãy dùng mã xem do Sở KH&CN cấp.`);
        return;
      }
      localStorage.setItem(TOKEN_KEY, t.trim());
      setToken(t.trim());
      setMe(who);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }, []);

  // A token kept from last time signs in again on its own.
  useEffect(() => {
    if (token) void signIn(token);
  }, []);

  const signOut = () => {
    localStorage.removeItem(TOKEN_KEY);
    setToken("");
    setMe(null);
  };

  const s = useStyles();
  return (
    <main className={s.page}>
      <div className={s.header}>
        <Text as="h1" size={600} weight="semibold">
          Chỉ tiêu KH&amp;CN – Bảng theo dõi
        </Text>
        {me && (
          <div className={s.row}>
            <Badge appearance="tint" data-testid="who">
              {me.name}
            </Badge>
            <Button size="small" onClick={signOut} data-testid="sign-out">
              Đăng xuất
            </Button>
          </div>
        )}
      </div>
      {error && (
        <MessageBar intent="error" data-testid="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {!me ? <SignIn busy={busy} onSubmit={signIn} initial={token} /> : api && <Board api={api} />}
    </main>
  );
}

function SignIn({ busy, onSubmit, initial }: { busy: boolean; onSubmit: (t: string) => void; initial: string }) {
  const s = useStyles();
  const [value, setValue] = useState(initial);
  return (
    <Card className={s.card}>
      <Text>Đăng nhập bằng mã xem (lãnh đạo) hoặc mã quản trị do Sở KH&amp;CN cấp. Mã được lưu trên trình duyệt này cho lần sau.</Text>
      <form
        className={s.row}
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) onSubmit(value);
        }}
      >
        <Field label="Mã truy cập" style={{ flex: "1 1 260px" }}>
          <Input type="password" value={value} onChange={(_, d) => setValue(d.value)} data-testid="token" />
        </Field>
        <Button appearance="primary" type="submit" disabled={busy || !value.trim()} data-testid="sign-in">
          {busy ? <Spinner size="tiny" /> : "Đăng nhập"}
        </Button>
      </form>
    </Card>
  );
}

function Board({ api }: { api: Api }) {
  const s = useStyles();
  const [periods, setPeriods] = useState<PeriodInfo[] | null>(null);
  const [period, setPeriod] = useState<string>("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .get("/api/periods", periodsResponseSchema)
      .then((r) => {
        setPeriods(r.periods);
        setPeriod(r.current ?? r.periods[0]?.id ?? "");
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [api]);

  const chosen = periods?.find((p) => p.id === period);
  const due = chosen ? forms.filter((f) => formDueIn(f.id, chosen.id, chosen.forms)) : [];

  if (error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{error}</MessageBarBody>
      </MessageBar>
    );
  }
  if (!periods) return <Spinner label="Đang tải…" />;
  if (periods.length === 0) return <Text>Chưa có kỳ báo cáo nào được mở.</Text>;
  return (
    <>
      <Card className={s.card}>
        <Field label="Kỳ báo cáo">
          <Select value={period} onChange={(_, d) => setPeriod(d.value)} data-testid="period">
            {periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
                {p.locked ? " (đã khóa sổ)" : ""}
              </option>
            ))}
          </Select>
        </Field>
        {chosen && (
          <Text className={s.muted} data-testid="period-dates">
            {chosen.dueDate ? `Hạn nộp: ${formatVnDate(chosen.dueDate)}` : "Chưa đặt hạn nộp"}
            {chosen.cutoffDate ? ` · Số liệu tính đến ngày ${formatVnDate(chosen.cutoffDate)}` : ""}
            {chosen.daysLeft !== null && chosen.daysLeft >= 0 ? ` · còn ${chosen.daysLeft} ngày` : ""}
            {chosen.daysLeft !== null && chosen.daysLeft < 0 ? ` · đã quá hạn ${-chosen.daysLeft} ngày` : ""}
          </Text>
        )}
      </Card>
      {due.length === 0 && <Text>Kỳ này không có biểu mẫu nào phải nộp.</Text>}
      {chosen && due.map((f) => <FormCard key={`${f.id}|${chosen.id}`} api={api} formId={f.id} period={chosen} />)}
    </>
  );
}

type Filter = "all" | "missing" | "overdue" | "returned";

function FormCard({ api, formId, period }: { api: Api; formId: string; period: PeriodInfo }) {
  const s = useStyles();
  const form = getForm(formId)!;
  const [rows, setRows] = useState<CompletenessRow[] | null>(null);
  const [summary, setSummary] = useState<Counts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>("missing");
  const [listOpen, setListOpen] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    const q = `form=${encodeURIComponent(formId)}&period=${encodeURIComponent(period.id)}`;
    api
      .get(`/api/completeness?${q}`, completenessSchema)
      .then((c) => setRows(c.rows))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    if (form.kind === "indicators") {
      api
        .get(`/api/merged?${q}`, mergedSummaryOnly)
        .then((m) => setSummary(countsOf(m)))
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    }
  }, [api, formId, period.id, form.kind]);

  const submitted = rows?.filter((r) => r.submitted).length ?? 0;
  const overdue = rows?.filter((r) => !r.submitted && (r.daysLeft ?? 0) < 0) ?? [];
  const returned = rows?.filter((r) => r.status === "returned") ?? [];
  const shown =
    rows?.filter((r) => (filter === "all" ? true : filter === "missing" ? !r.submitted : filter === "overdue" ? !r.submitted && (r.daysLeft ?? 0) < 0 : r.status === "returned")) ?? [];

  const download = async (ext: "xlsx" | "csv") => {
    setNote(null);
    try {
      const name = await api.download(`/api/merged.${ext}?form=${encodeURIComponent(formId)}&period=${encodeURIComponent(period.id)}`, `tong-hop.${ext}`);
      setNote(`Đã tải về: ${name}`);
    } catch (e) {
      setNote(e instanceof ApiFailure ? e.message : "Không tải được tệp; vui lòng thử lại.");
    }
  };

  return (
    <Card className={s.card} data-testid={`form-${formId}`}>
      <Text as="h2" size={500} weight="semibold">
        {formDisplayName(form)}
      </Text>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {rows && (
        <>
          <div className={s.row}>
            <Text data-testid="submitted">
              Đã nộp <b>{submitted}</b>/{rows.length} đơn vị
            </Text>
            {overdue.length > 0 && <Badge color="danger">{overdue.length} đơn vị quá hạn</Badge>}
            {returned.length > 0 && <Badge color="warning">{returned.length} bị trả lại</Badge>}
          </div>
          <ProgressBar value={rows.length ? submitted / rows.length : 0} thickness="large" />
        </>
      )}
      {summary && (
        <div data-testid="summary">
          <div className={s.counts}>
            {CATEGORIES.map((c) => (
              <div key={c} className={s.count} style={{ borderLeft: `4px solid ${TONE_COLOR[c]}` }}>
                <span className={s.big}>{String(summary.counts[c]).padStart(2, "0")}</span>
                <Text size={200}>{CATEGORY_LABELS[c]}</Text>
              </div>
            ))}
          </div>
          {summary.sentence && <Text className={s.muted}>{summary.sentence}</Text>}
          {summary.groups.length > 1 && (
            <div className={s.tableWrap}>
              <table className={s.table} data-testid="groups">
                <thead>
                  <tr>
                    <th>Nhóm chỉ tiêu</th>
                    {CATEGORIES.map((c) => (
                      <th key={c}>{CATEGORY_LABELS[c]}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {summary.groups.map((g) => (
                    <tr key={g.group}>
                      <td>
                        {g.group}
                        {g.title ? `. ${g.title}` : ""}
                      </td>
                      {CATEGORIES.map((c) => (
                        <td key={c}>{g.counts[c]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
      <div className={s.row}>
        <Button appearance="primary" onClick={() => void download("xlsx")} data-testid={`xlsx-${formId}`}>
          Tải bảng tổng hợp (.xlsx)
        </Button>
        <Button onClick={() => void download("csv")} data-testid={`csv-${formId}`}>
          Tải .csv
        </Button>
        {note && <Text className={s.muted}>{note}</Text>}
      </div>
      {rows && (
        <Button appearance="subtle" onClick={() => setListOpen((v) => !v)} data-testid="toggle-units" aria-expanded={listOpen}>
          {listOpen ? "Ẩn danh sách đơn vị" : `Xem danh sách đơn vị (${rows.length - submitted} chưa nộp)`}
        </Button>
      )}
      {rows && listOpen && (
        <>
          <TabList selectedValue={filter} onTabSelect={(_, d) => setFilter(d.value as Filter)} size="small">
            <Tab value="missing">Chưa nộp ({rows.length - submitted})</Tab>
            <Tab value="overdue">Quá hạn ({overdue.length})</Tab>
            <Tab value="returned">Trả lại ({returned.length})</Tab>
            <Tab value="all">Tất cả ({rows.length})</Tab>
          </TabList>
          <div className={s.tableWrap}>
            <table className={s.table} data-testid="units">
              <thead>
                <tr>
                  <th>Đơn vị</th>
                  <th>Tình trạng</th>
                  <th>Thời điểm nộp</th>
                  <th>Hạn nộp</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.unit}>
                    <td>{r.name}</td>
                    <td>{statusText(r)}</td>
                    <td>{formatVnDateTime(r.at)}</td>
                    <td>{dueText(r)}</td>
                  </tr>
                ))}
                {shown.length === 0 && (
                  <tr>
                    <td colSpan={4}>Không có đơn vị nào.</td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}

function statusText(r: CompletenessRow): string {
  if (!r.submitted) return "Chưa nộp";
  if (r.status === "returned") return "Đã nộp – bị trả lại";
  if (r.status === "accepted") return "Đã duyệt";
  return "Đã nộp";
}

function dueText(r: CompletenessRow): string {
  if (!r.dueDate) return "";
  const due = formatVnDate(r.dueDate);
  if (!r.submitted && r.daysLeft !== null && r.daysLeft !== undefined) {
    return r.daysLeft < 0 ? `${due} (quá hạn ${-r.daysLeft} ngày)` : `${due} (còn ${r.daysLeft} ngày)`;
  }
  if (r.submitted && r.lateBy) return `${due} (nộp trễ ${r.lateBy} ngày)`;
  return due;
}
