import { useEffect, useMemo, useState } from "react";
import { ApiError, gql, setApiLanguage, storedKey, storeKey } from "./api";
import { I18n, translator, useI18n, type Lang, type MessageKey } from "./i18n";
import { TraceView } from "./views/TraceView";
import { RecallView } from "./views/RecallView";
import { DiversionView } from "./views/DiversionView";
import { ProducerView } from "./views/ProducerView";

export interface Viewer {
  role: "ADMIN" | "MANUFACTURER" | "PARTNER" | "REGULATOR";
  organizationId: string | null;
  organization: { name: string | null } | null;
}

const VIEWER = `{ viewer { role organizationId organization { name } } }`;
const LANG_STORAGE = "tracegraph.lang";

type Tab = "trace" | "recall" | "diversion" | "producer";
const TABS: { id: Tab; label: MessageKey }[] = [
  { id: "trace", label: "tabTrace" },
  { id: "recall", label: "tabRecall" },
  { id: "diversion", label: "tabDiversion" },
  { id: "producer", label: "tabProducer" },
];

function tabFromHash(): Tab {
  const id = window.location.hash.replace(/^#\/?/, "").split("?")[0];
  return TABS.some((tab) => tab.id === id) ? (id as Tab) : "trace";
}

export function App() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem(LANG_STORAGE) === "en" ? "en" : "zh"));
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [checking, setChecking] = useState(() => storedKey() !== null);
  const [tab, setTab] = useState<Tab>(tabFromHash);
  const t = i18n.t;

  useEffect(() => {
    setApiLanguage(lang === "zh" ? "zh-CN" : "en");
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = `${t("appTitle")} · Tracegraph`;
    localStorage.setItem(LANG_STORAGE, lang);
  }, [lang, t]);

  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);

  useEffect(() => {
    if (!storedKey()) return;
    gql<{ viewer: Viewer }>(VIEWER)
      .then((data) => setViewer(data.viewer))
      .catch(() => storeKey(null))
      .finally(() => setChecking(false));
  }, []);

  const signOut = () => {
    storeKey(null);
    setViewer(null);
  };

  const toggle = (
    <button type="button" className="link" onClick={() => setLang(lang === "zh" ? "en" : "zh")} data-testid="lang">
      {t("language")}
    </button>
  );

  if (checking) return <p className="muted pad">{t("loading")}</p>;
  if (!viewer) {
    return (
      <I18n.Provider value={i18n}>
        <SignIn onViewer={setViewer} toggle={toggle} />
      </I18n.Provider>
    );
  }
  const go = (id: Tab) => {
    window.location.hash = `#/${id}`;
    setTab(id);
  };
  return (
    <I18n.Provider value={i18n}>
      <header className="top">
        <strong className="brand">{t("appTitle")}</strong>
        <nav>
          {TABS.map((item) => (
            <button
              key={item.id}
              type="button"
              className={tab === item.id ? "tab on" : "tab"}
              onClick={() => go(item.id)}
              data-testid={`tab-${item.id}`}
            >
              {t(item.label)}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        <span className="who" data-testid="who">
          {viewer.organization?.name ?? viewer.organizationId ?? "—"} · {t(`role${viewer.role}` as MessageKey)}
        </span>
        {toggle}
        <button type="button" onClick={signOut} data-testid="sign-out">
          {t("signOut")}
        </button>
      </header>
      <main>
        {tab === "trace" && <TraceView />}
        {tab === "recall" && <RecallView viewer={viewer} />}
        {tab === "diversion" && <DiversionView viewer={viewer} />}
        {tab === "producer" && <ProducerView viewer={viewer} />}
      </main>
    </I18n.Provider>
  );
}

function SignIn({ onViewer, toggle }: { onViewer: (v: Viewer) => void; toggle: React.ReactNode }) {
  const { t } = useI18n();
  const [key, setKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const value = key.trim();
    if (!value) return;
    storeKey(value);
    try {
      const data = await gql<{ viewer: Viewer }>(VIEWER);
      setKey("");
      onViewer(data.viewer);
    } catch (e) {
      storeKey(null);
      setError(e instanceof ApiError && e.code !== "UNAUTHENTICATED" ? e.message : t("signInFailed"));
    }
  };
  return (
    <div className="signin">
      <form onSubmit={submit} className="card">
        <div className="row">
          <h1>{t("signInTitle")}</h1>
          {toggle}
        </div>
        <p className="muted">{t("signInHint")}</p>
        <input
          name="apiKey"
          type="password"
          autoComplete="off"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder="tgk_…"
          aria-label={t("apiKey")}
        />
        <button type="submit">{t("signIn")}</button>
        {error && (
          <p className="error" data-testid="sign-in-error">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}
