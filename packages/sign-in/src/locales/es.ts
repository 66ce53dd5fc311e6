// Spanish for <cohort-sign-in>.
export const templates = {
  'sign-in.intro':
    'Para el equipo del curso: inicia sesión con el correo al que se dio o se invitó tu rol, y tu rol aparecerá en cada elemento de este espacio.',
};
