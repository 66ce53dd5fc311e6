// Spanish. Keys are the message ids passed to msg(); `${0}` marks the first value of a str template.
import { str } from '@lit/localize';
import { html } from 'lit';

export const templates = {
  'core.preview': 'Vista previa: solo tú puedes ver esto',
  'core.loading': 'Cargando…',
  'core.problem': 'Este elemento no puede mostrarse',
  'core.retry': 'Reintentar',
  'core.stale': 'No se puede contactar con el servidor. Seguimos intentándolo; lo que escribas se guardará.',
  'core.stale-emulator': str`No se puede contactar con el emulador de Firestore en ${0}:${1}. ¿Está en marcha (npm run emulators)? Revisa data-firestore-emulator.`,
  'core.config.configure-late':
    'Se llamó a configure() después de que Cohort Kit se conectara. Llámalo antes de añadir elementos.',
  'core.config.project-missing':
    'Falta data-project-id: indica el identificador de tu proyecto de Firebase (por ejemplo "my-course").',
  'core.config.project-invalid': str`data-project-id="${0}" no es un identificador de proyecto de Firebase: de 6 a 30 letras minúsculas, números y guiones.`,
  'core.config.firestore-emulator-invalid': str`data-firestore-emulator="${0}" debe ser host:puerto, por ejemplo "127.0.0.1:8080".`,
  'core.config.auth-emulator-invalid': str`data-auth-emulator="${0}" debe ser una URL con puerto, por ejemplo "http://127.0.0.1:9099".`,
  'core.config.emulators-together':
    'data-firestore-emulator y data-auth-emulator van juntos: indica los dos (por ejemplo "127.0.0.1:8080" y "http://127.0.0.1:9099"), o ninguno para usar el proyecto real de Firebase.',
  'core.config.api-key-missing':
    'Falta data-api-key: copia el apiKey de la configuración de tu aplicación web de Firebase (es público por diseño).',
  'core.error.permission-denied': 'No se permitió. Puede que no tengas el rol necesario o que el espacio esté cerrado.',
  'core.error.not-found':
    'No se encontró la base de datos de Firestore. Revisa data-project-id y que Cloud Firestore esté activado en ese proyecto de Firebase.',
  'core.error.unavailable':
    'No se pudo contactar con el servidor. Tu trabajo se conserva y se enviará cuando vuelva la conexión.',
  'core.error.exhausted': 'Demasiadas solicitudes en este momento. Espera un poco y vuelve a intentarlo.',
  'core.error.precondition':
    'La base de datos necesita un índice o un ajuste que aún no tiene. Pide al equipo del curso que despliegue los índices.',
  'core.error.unauthenticated': 'Tu sesión ha caducado. Recarga la página y vuelve a intentarlo.',
  'core.error.unknown': str`Algo salió mal (${0}). Vuelve a intentarlo.`,
  'core.error.space-read': str`Firestore no permitió leer este espacio en el proyecto "${0}". Revisa data-project-id y que Cloud Firestore esté activado en ese proyecto de Firebase (consola de Firebase → Firestore Database).`,
  'core.auth.emulator-unreachable': str`No se puede contactar con el emulador de Auth en ${0}. ¿Está en marcha (npm run emulators)? Revisa data-auth-emulator.`,
  'core.auth.unreachable':
    'No se pudo contactar con el servicio de inicio de sesión. Revisa la conexión y vuelve a intentarlo.',
  'core.auth.disabled':
    'Este modo de inicio de sesión está desactivado en este proyecto de Firebase. Actívalo en Authentication → Sign-in method.',
  'core.auth.api-key':
    'La clave de API de Firebase (data-api-key) fue rechazada. Cópiala de nuevo desde la consola de Firebase.',
  'core.auth.link-used': 'Este enlace de inicio de sesión ha caducado o ya se usó. Pide uno nuevo.',
  'core.auth.invalid-email': 'Esa dirección de correo no parece correcta.',
  'core.auth.custom-token':
    'Se rechazó el token de inicio de sesión del curso. Recarga la página; si vuelve a pasar, avisa al equipo del curso.',
  'core.auth.failed': str`No se pudo iniciar sesión (${0}).`,
  'core.auth.incomplete': 'El inicio de sesión no se completó. Vuelve a intentarlo.',
  'core.auth.confirm-email': 'Confirma tu correo para terminar de iniciar sesión.',
  'core.sign-in.done': str`Sesión iniciada como ${0}. Tu rol aparece en cada espacio donde lo tengas.`,
  'core.sign-in.failed': str`No se pudo usar el enlace de inicio de sesión. ${0}`,
  'core.sign-in.dismiss': 'Cerrar',
  'core.sign-in.other-tab': 'Has iniciado sesión en esta pestaña. Vuelve a la página del curso y recárgala.',
  'core.sign-in.unauthorized-domain': str`El dominio de esta página (${0}) no está autorizado para enlaces de inicio de sesión: añádelo en Firebase Authentication → Settings → Authorized domains.`,
  'core.sign-in.quota':
    'Se han agotado los correos de inicio de sesión de hoy en este proyecto. Vuelve a intentarlo mañana o pregunta a la persona responsable del curso.',
  'core.sign-in.no-role':
    'Este correo no tiene rol de facilitación en este espacio: pregunta a la persona responsable del curso.',
  'core.sign-in.not-a-link':
    'Ese no es el enlace del correo de inicio de sesión. Copia el enlace completo y vuelve a pegarlo.',
  'core.sign-in.sent': str`Enviamos un enlace de inicio de sesión a ${0}. Ábrelo para terminar de iniciar sesión.`,
  'core.sign-in.signed-out': 'Has cerrado la sesión.',
  'core.sign-in.confirm-title': 'Confirma tu correo para terminar de iniciar sesión',
  'core.sign-in.confirm-label': 'El correo al que se envió el enlace',
  'core.sign-in.finish': 'Terminar de iniciar sesión',
  'core.sign-in.paste': 'Pega aquí el enlace del correo',
  'core.sign-in.title': 'Inicio de sesión para facilitadores',
  'core.sign-in.email': 'Tu correo',
  'core.sign-in.send': 'Envíame un enlace de inicio de sesión',
  'core.sign-in.as-role': html`Sesión iniciada como <bdi>${0}</bdi> · ${1}`,
  'core.sign-in.as': html`Sesión iniciada como <bdi>${0}</bdi>`,
  'core.sign-in.sign-out': 'Cerrar sesión',
  'core.sign-in.entry': '¿Facilitas? Inicia sesión',
  'core.sign-in.preview':
    'Vista previa: aquí no se envía ningún correo. Los enlaces de inicio de sesión funcionan en la página del curso real.',
  'core.removed': 'Te retiraron de esta cohorte',
  'core.join-busy.vote': 'Mucha gente se está uniendo desde tu red: tu voto se enviará en un momento.',
  'core.join-busy.post': 'Mucha gente se está uniendo desde tu red: tu publicación se enviará en un momento.',
  'core.join-busy.other': 'Mucha gente se está uniendo desde tu red: lo tuyo se enviará en un momento.',
  'core.pending.offline': 'Guardado en este dispositivo: se enviará cuando vuelvas a tener conexión.',
  'core.pending.slow': 'Guardado en este dispositivo: aún se está enviando.',
  'core.pending.sent': 'Tus cambios se enviaron.',
  'core.pending.refused': str`El servidor rechazó un cambio guardado en este dispositivo: ${0}`,
  'core.space-missing': str`El espacio "${0}" no existe. Una persona propietaria del curso lo crea en la consola, o con: npx cohort-kit create-space --space ${0} --name "Nombre del curso"`,
  'core.id-invalid': str`${0}="${1}" no es un identificador válido: usa de 1 a 100 letras, números, "-" o "_", empezando por una letra o un número.`,
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
  'core.join.name-needed': 'Escribe un nombre con al menos una letra, un número o un emoji.',
  'core.join.norms-needed': 'Confirma las normas del grupo para continuar.',
  'core.role.facilitator': 'Facilitador/a',
  'core.role.owner': 'Responsable',
  'core.role.mentor': 'Mentor/a',
};
