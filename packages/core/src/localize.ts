import { configureLocalization } from '@lit/localize';

export const SOURCE_LOCALE = 'en';
export const TARGET_LOCALES = ['es'] as const;
export type TargetLocale = (typeof TARGET_LOCALES)[number];

type Templates = Record<string, unknown>;
type TemplateLoader = (locale: TargetLocale) => Promise<{ templates: Templates }>;
type Localization = ReturnType<typeof configureLocalization>;

interface Registry {
  localization?: Localization;
  loaders: Set<TemplateLoader>;
}

// Shared through globalThis: configureLocalization may run once per page, even if the kit loads twice.
const registry: Registry = ((globalThis as { __cohortKitLocalization?: Registry }).__cohortKitLocalization ??= {
  loaders: new Set(),
});

registry.loaders.add(() => import('./locales/es.js'));

/**
 * Adds a package's translations (each widget keeps its own `locales/es.ts`). Register before the
 * locale is first set; elements do so when their module loads.
 */
export function registerTranslations(loader: TemplateLoader): void {
  registry.loaders.add(loader);
}

function controls(): Localization {
  registry.localization ??= configureLocalization({
    sourceLocale: SOURCE_LOCALE,
    targetLocales: TARGET_LOCALES,
    loadLocale: async (locale) => {
      const parts = await Promise.all([...registry.loaders].map((load) => load(locale as TargetLocale)));
      // The runtime reads `templates` from the returned module-like object.
      return { templates: Object.assign({}, ...parts.map((part) => part.templates)) } as never;
    },
  });
  return registry.localization;
}

/** The supported language closest to `wanted` ("es-MX" → "es"), English otherwise. */
export function supportedLocale(wanted: string | undefined | null): string {
  const base = (wanted ?? '').toLowerCase().split('-')[0] ?? '';
  return (TARGET_LOCALES as readonly string[]).includes(base) ? base : SOURCE_LOCALE;
}

/** Switches every Cohort Kit element on the page to `locale` (falls back to English). */
export async function setCohortLocale(locale: string | undefined): Promise<void> {
  const { getLocale, setLocale } = controls();
  const target = supportedLocale(locale);
  if (getLocale() !== target) await setLocale(target);
}

export function cohortLocale(): string {
  return controls().getLocale();
}
