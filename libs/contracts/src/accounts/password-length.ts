/** Length bounds of a new password: the gateway's validation and the web's sign-up form. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
