import { css } from 'lit';

export const signInStyles = css`
  .sign-in__intro {
    margin: 0;
  }
  /* The form is the element's content here, not an aside at the end of another widget. */
  .sign-in-form {
    margin: 0;
  }
`;
