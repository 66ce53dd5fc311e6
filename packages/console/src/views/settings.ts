// The fields of a space's settings, shared by the create form and the settings form of an open space.
import { msg, str } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { LIMITS, type FieldErrors, type Settings } from '../console-model.js';
import { field } from './fields.js';

export function settingsFields(form: string, settings: Settings, errors: FieldErrors): TemplateResult {
  return html`${field({ form, name: 'name', label: msg('Name', { id: 'console.name' }), value: settings.name, errors })}
  ${field({
    form,
    name: 'cohortLabel',
    label: msg('Cohort label (optional)', { id: 'console.cohort-label' }),
    hint: msg('For example "Spring 2026".', { id: 'console.cohort-label-hint' }),
    value: settings.cohortLabel,
    errors,
  })}
  ${field({
    form,
    name: 'norms',
    multiline: true,
    label: msg('Norms (optional)', { id: 'console.norms' }),
    hint: msg('Learners acknowledge them before their first contribution.', { id: 'console.norms-hint' }),
    value: settings.norms,
    errors,
  })}
  ${field({
    form,
    name: 'reportThreshold',
    type: 'number',
    label: msg('Report threshold', { id: 'console.threshold' }),
    hint: msg(
      str`Reports from different learners that hide a post until a facilitator reviews it (${LIMITS.thresholdMin}–${LIMITS.thresholdMax}).`,
      {
        id: 'console.threshold-hint',
      },
    ),
    value: String(settings.reportThreshold),
    errors,
  })}
  ${field({
    form,
    name: 'blockedWords',
    multiline: true,
    label: msg('Blocked words (optional)', { id: 'console.blocked-words' }),
    hint: msg(str`One per line or separated by commas; up to ${LIMITS.words}.`, { id: 'console.blocked-words-hint' }),
    value: settings.blockedWords.join('\n'),
    errors,
  })}`;
}
