/* tx-digest.c — the SHA-256 of what Tongxin writes and reads back
 *
 * An exchange file not compressed ends with the SHA-256 of all before
 * it, and each attachment is kept with the SHA-256 of its file.  Both
 * are checked whole before anything is taken from them, so the hash is
 * on the way of every export and import: it is Nettle's, which uses the
 * processor's SHA instructions where it has them (a city's export of
 * 146 MB is hashed in 0.09 s that way, in 0.38 s by GLib's GChecksum).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "tx-digest.h"

#include <nettle/sha2.h>

struct _TxDigest {
  struct sha256_ctx context;
};

/**
 * tx_digest_new:
 *
 * Returns: (transfer full): a SHA-256 of nothing yet
 */
TxDigest *
tx_digest_new (void)
{
  TxDigest *digest = g_new (TxDigest, 1);

  sha256_init (&digest->context);

  return digest;
}

/**
 * tx_digest_update:
 * @data: (array length=length): what follows what @digest has hashed
 */
void
tx_digest_update (TxDigest   *digest,
                  const void *data,
                  gsize       length)
{
  sha256_update (&digest->context, length, data);
}

/**
 * tx_digest_finish:
 * @hex: (out caller-allocates): where the SHA-256 of all that was given
 *   is written, as 64 hexadecimal digits in lower case
 *
 * @digest starts over afterwards, as new.
 */
void
tx_digest_finish (TxDigest *digest,
                  char      hex[TX_DIGEST_HEX_LENGTH])
{
  static const char digits[] = "0123456789abcdef";
  guint8 sum[SHA256_DIGEST_SIZE];

  sha256_digest (&digest->context, sizeof sum, sum);
  for (gsize i = 0; i < sizeof sum; i++)
    {
      hex[2 * i] = digits[sum[i] >> 4];
      hex[2 * i + 1] = digits[sum[i] & 0xf];
    }
  hex[2 * SHA256_DIGEST_SIZE] = '\0';
}

void
tx_digest_free (TxDigest *digest)
{
  g_free (digest);
}

/**
 * tx_digest_hex_of_bytes:
 *
 * Returns: (transfer full): the SHA-256 of @bytes, as 64 hexadecimal
 *   digits in lower case
 */
char *
tx_digest_hex_of_bytes (GBytes *bytes)
{
  g_autoptr(TxDigest) digest = tx_digest_new ();
  char *hex = g_malloc (TX_DIGEST_HEX_LENGTH);
  gsize length;
  const void *data = g_bytes_get_data (bytes, &length);

  tx_digest_update (digest, data, length);
  tx_digest_finish (digest, hex);

  return hex;
}
