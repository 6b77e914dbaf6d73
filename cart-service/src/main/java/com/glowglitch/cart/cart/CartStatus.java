package com.glowglitch.cart.cart;

/**
 * ACTIVE: the one cart a shopper (or guest token) fills. MERGED: a guest cart folded into a
 * signed-in shopper's cart. CONVERTED: checked out, read-only. EXPIRED: an idle guest cart removed
 * by the cleanup job.
 */
public enum CartStatus { ACTIVE, MERGED, CONVERTED, EXPIRED }
