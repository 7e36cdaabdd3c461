package io.tributary.platform.service;

import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.security.Caller;

/** What a caller is to a domain; decides what they may see and change there. */
public enum Role {
  ADMIN,
  OWNER,
  MEMBER,
  NONE;

  public static Role of(Caller caller, DomainRecord domain) {
    if (caller.admin()) {
      return ADMIN;
    }
    if (caller.inAnyOf(domain.ownerGroups())) {
      return OWNER;
    }
    if (caller.inAnyOf(domain.memberGroups())) {
      return MEMBER;
    }
    return NONE;
  }

  /** Changes the domain and its products. */
  public boolean mayChange() {
    return this == ADMIN || this == OWNER;
  }

  /** Sees the domain's private metadata and its private products. */
  public boolean mayReadPrivate() {
    return this != NONE;
  }
}
