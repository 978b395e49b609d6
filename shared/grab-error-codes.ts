/**
 * Why a frame grab failed, as a code plus a few numbers, and the sentence for each code in both
 * languages. The grabber, the stored results and runs, the API and the console all use these codes;
 * the console shows the sentence in the reader's language and the database keeps the English one for
 * readers that only know the text. The codes are stored, so never rename one.
 *
 * A sentence tells the user what is wrong with their camera. It never repeats what another service
 * answered (body, content type, status text): only our own words and numbers.
 */
export const GRAB_ERROR_MESSAGES = {
  timeout: { zh: "{seconds} 秒内没有返回画面。", en: "No frame within {seconds} s." },
  aborted: { zh: "取帧被取消。", en: "The grab was cancelled." },
  not_found: { zh: "文件或文件夹不存在。", en: "The file or folder does not exist." },
  not_readable: { zh: "文件或文件夹无法读取（权限不足）。", en: "The file or folder cannot be read (no permission)." },
  not_file: { zh: "该路径不是文件。", en: "The path is not a file." },
  not_folder: { zh: "该路径不是文件夹。", en: "The path is not a folder." },
  empty_folder: { zh: "文件夹中没有 .jpg、.jpeg、.png 或 .webp 画面。", en: "The folder has no .jpg, .jpeg, .png or .webp frames." },
  empty: { zh: "没有收到任何画面数据。", en: "No frame data came back." },
  not_image: { zh: "返回的数据不是 JPEG、PNG、GIF 或 WebP 图片。", en: "What came back is not a JPEG, PNG, GIF or WebP image." },
  too_large: { zh: "画面超过 {mb} MB 的上限。", en: "The frame is larger than {mb} MB." },
  path_not_allowed: {
    zh: "该路径不在允许的摄像头文件目录内（CAMERA_FILES_ROOT）。",
    en: "The path is outside the folders camera files may come from (CAMERA_FILES_ROOT).",
  },
  address_denied: {
    zh: "该地址指向链路本地、云元数据或被禁止的地址（CAMERA_URL_DENY），不允许作为摄像头。",
    en: "The address is link-local, a cloud metadata address or on the deny list (CAMERA_URL_DENY); it cannot be a camera.",
  },
  unknown_host: { zh: "无法解析摄像头的主机名。", en: "The camera's host name cannot be resolved." },
  refused: { zh: "连接被拒绝：该端口上没有服务。", en: "The connection was refused: nothing listens on that port." },
  unreachable: {
    zh: "无法连接到摄像头（网络不通或连接被中断）。",
    en: "The camera cannot be reached (no route, or the connection was cut).",
  },
  tls_failed: { zh: "HTTPS/TLS 握手失败（证书或协议不匹配）。", en: "The HTTPS/TLS handshake failed (certificate or protocol)." },
  auth_failed: { zh: "摄像头拒绝了用户名或密码。", en: "The camera refused the username or password." },
  http_status: { zh: "摄像头返回 HTTP {status}。", en: "The camera answered HTTP {status}." },
  rtsp_status: { zh: "RTSP 服务器返回状态 {status}。", en: "The RTSP server answered status {status}." },
  transport_unsupported: {
    zh: "RTSP 服务器不支持该摄像头设定的传输方式 {transport}，请改为 auto 或另一种传输方式。",
    en: "The RTSP server does not support this camera's transport, {transport}; set it to auto or the other transport.",
  },
  too_many_redirects: { zh: "摄像头重定向次数过多。", en: "The camera redirected too many times." },
  bad_redirect: { zh: "摄像头重定向到非 HTTP 地址。", en: "The camera redirected to an address that is not http(s)." },
  no_stream: { zh: "无法打开视频流（地址、路径或传输方式不对）。", en: "The stream cannot be opened (address, path or transport)." },
  decode: { zh: "视频无法解码。", en: "The video cannot be decoded." },
  ffmpeg_missing: {
    zh: "服务器上没有 ffmpeg，视频文件和 RTSP 摄像头需要它。",
    en: "ffmpeg is not available on the server; video files and RTSP cameras need it.",
  },
  password_unreadable: {
    zh: "无法解密该摄像头保存的密码（SECRETS_KEY 已更换？），请重新输入密码。",
    en: "The camera's stored password cannot be decrypted (was SECRETS_KEY changed?); enter the password again.",
  },
  failed: { zh: "取帧失败（详情见服务器日志）。", en: "The grab failed (details in the server log)." },
} as const satisfies Record<string, { zh: string; en: string }>;

export type GrabErrorCode = keyof typeof GRAB_ERROR_MESSAGES;
export type GrabErrorParams = Record<string, string | number>;

export const GRAB_ERROR_CODES = Object.keys(GRAB_ERROR_MESSAGES) as GrabErrorCode[];

export const isGrabErrorCode = (value: unknown): value is GrabErrorCode =>
  typeof value === "string" && Object.hasOwn(GRAB_ERROR_MESSAGES, value);

/** The sentence for a code in one language, its `{name}` placeholders filled from params. */
export function grabErrorText(code: GrabErrorCode, params: GrabErrorParams | null | undefined, lang: "zh" | "en"): string {
  return GRAB_ERROR_MESSAGES[code][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? "?"));
}

/** The API's bilingual form: "中文 (english)". */
export const grabErrorSentence = (code: GrabErrorCode, params?: GrabErrorParams | null) =>
  `${grabErrorText(code, params, "zh").replace(/。$/, "")} (${grabErrorText(code, params, "en").replace(/\.$/, "")}).`;

/** The console's message keys for the codes (`grab.timeout`...), so t() translates them like any message. */
export const grabErrorMessageKeys = Object.fromEntries(
  Object.entries(GRAB_ERROR_MESSAGES).map(([code, text]) => [`grab.${code}`, text]),
) as { [C in GrabErrorCode as `grab.${C}`]: (typeof GRAB_ERROR_MESSAGES)[C] };
