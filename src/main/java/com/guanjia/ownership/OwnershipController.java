package com.guanjia.ownership;

import com.guanjia.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/requests/{requestNo}/owner}: a supervisor transfers ownership (R1). */
@RestController
class OwnershipController {
  private final OwnershipTransfers transfers;
  private final CurrentUser user;

  OwnershipController(OwnershipTransfers transfers, CurrentUser user) {
    this.transfers = transfers;
    this.user = user;
  }

  record TransferRequest(@NotBlank @Size(max = 64) String newOwner, @NotBlank @Size(max = 500) String reason) {}

  @PostMapping(path = "/api/requests/{requestNo}/owner", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  OwnershipTransfers.Transfer transfer(@PathVariable String requestNo, @Valid @RequestBody TransferRequest body) {
    return transfers.transfer(requestNo, body.newOwner(), body.reason(), user.id());
  }
}
