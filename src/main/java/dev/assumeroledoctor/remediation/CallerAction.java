package dev.assumeroledoctor.remediation;

import dev.assumeroledoctor.diagnosis.CauseId;

/** Something the caller (or an administrator) must do that no policy change should: pass the ExternalId, use MFA… */
public record CallerAction(CauseId fixes, String text) {
}
