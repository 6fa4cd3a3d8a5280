import { api } from "../api";
import { useLanguage } from "../i18n";

/** How to join: the QR code, the code in big letters, and the address to type. */
export function JoinPoster({ code, url, size = "normal" }: { code: string; url: string; size?: "normal" | "large" }) {
  const { t } = useLanguage();
  const shortUrl = url.replace(/^https?:\/\//, "");
  return (
    <div class={`poster poster--${size}`}>
      <img class="poster__qr" src={api.qrUrl(code)} alt={t.facilitator.qrAlt(code)} />
      <div class="poster__text">
        <p class="poster__scan">{t.projector.scan}</p>
        <p class="poster__or">
          {t.projector.orGoTo} <span class="poster__url">{shortUrl.replace(/\/join\/.*$/, "")}</span> {t.projector.andEnter}
        </p>
        {/* Screen readers read the code letter by letter, not as a word. */}
        <p class="visually-hidden">{`${t.facilitator.joinCode}: ${code.split("").join(" ")}`}</p>
        <p class="poster__code" aria-hidden="true">
          {code}
        </p>
        <p class="poster__link">
          <a href={url}>{shortUrl}</a>
        </p>
      </div>
    </div>
  );
}
