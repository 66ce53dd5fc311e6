// Spanish. Keys are the message ids passed to msg(); `${0}` marks the first value of a str template.
import { str } from '@lit/localize';
import { html } from 'lit';

export const templates = {
  'core.preview': 'Vista previa: solo tú puedes ver esto',
  'core.loading': 'Cargando…',
  'core.problem': 'Este elemento no puede mostrarse',
  'core.retry': 'Reintentar',
  'core.stale': 'No se puede contactar con el servidor. Seguimos intentándolo; lo que escribas se guardará.',
  'core.space-missing': str`El espacio "${0}" no existe. El equipo del curso debe crearlo con: npx cohort-kit create-space --space ${0}`,
  'core.space-invalid': str`space="${0}" no es un identificador de espacio válido: usa letras, números, "-" o "_".`,
  'core.space-required': 'Falta el atributo space: indica el curso o la cohorte a la que pertenece este elemento.',
  'core.join.title': 'Antes de tu primera aportación',
  'core.join.name': 'Tu nombre, tal como lo verán tus compañeros',
  'core.join.name-hint': 'Puedes cambiarlo más tarde.',
  'core.join.norms': 'Normas del grupo',
  'core.join.acknowledge': 'He leído las normas del grupo y las respetaré',
  'core.join.submit': 'Continuar',
  'core.join.cancel': 'Cancelar',
  'core.join.rename-title': 'Cambia tu nombre',
  'core.join.save': 'Guardar nombre',
  'core.identity.posting-as': html`Publicas como <bdi>${0}</bdi>`,
  'core.identity.change': 'Cambiar',
  'core.identity.change-label': 'Cambiar tu nombre',
  'core.identity.renamed': str`Ahora te llamas ${0}.`,
  'core.join.name-needed': 'Escribe un nombre para continuar.',
  'core.join.norms-needed': 'Confirma las normas del grupo para continuar.',
  'core.role.facilitator': 'Facilitador/a',
  'core.role.owner': 'Responsable',
  'core.role.mentor': 'Mentor/a',
};
