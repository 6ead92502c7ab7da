/**
 * Password policy (等保 2.0 level 3 and OWASP ASVS 2): at least 10 characters, three of
 * the four classes (upper case, lower case, digits, symbols), not the user name, not a common password.
 */
const COMMON = new Set(
  [
    "password", "password1", "password123", "passw0rd", "p@ssw0rd", "p@ssword1", "qwerty123", "qwertyuiop", "1qaz2wsx",
    "1qaz@wsx", "1q2w3e4r", "1q2w3e4r5t", "abc123456", "abcd1234", "admin123", "admin@123", "administrator", "iloveyou1",
    "welcome1", "welcome123", "letmein123", "123456789a", "a123456789", "aa123456", "zxcvbnm123", "woaini1314", "woaini520",
    "12345678", "123456789", "1234567890", "0987654321", "88888888", "11111111", "00000000", "asdfghjkl", "huawei123",
    "root123456", "test123456", "changeme", "changeme1", "banli123456",
    // Common ones that would otherwise pass the length and class rules.
    "abc@123456", "abc@1234567", "admin@12345", "admin@123456", "p@ssw0rd123", "p@ssword123", "password@1", "password@123",
    "qwer@123456", "qwe@1234567", "aa123456789", "a1234567890", "zaq1@wsx123", "1qaz@wsx3edc", "passw0rd!23", "welcome@123",
  ].map((p) => p.toLowerCase()),
);

export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < 10) return "密码至少10位";
  if (password.length > 128) return "密码不能超过128位";
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) return "密码须包含大写字母、小写字母、数字、符号中的至少三类";
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) return "密码不能包含用户名";
  if (COMMON.has(lower)) return "该密码过于常见，请换一个";
  return null;
}
