/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-catalog"

#include "config.h"

#include <string.h>

#include <glib.h>

#include "kopir-plural-forms.h"

/* Parentheses, "!" and "?:" nest the parser's recursion; real rules nest
 * five or six deep. */
#define MAX_DEPTH 64
#define MAX_NODES 256

typedef enum
{
  OP_N,
  OP_NUMBER,
  OP_NOT,
  OP_MUL,
  OP_DIV,
  OP_MOD,
  OP_ADD,
  OP_SUB,
  OP_LT,
  OP_GT,
  OP_LE,
  OP_GE,
  OP_EQ,
  OP_NE,
  OP_AND,
  OP_OR,
  OP_COND,
} Op;

typedef struct
{
  Op     op;
  guint  a;
  guint  b;
  guint  c;
  gulong value;
} Node;

struct _KopirPluralForms
{
  guint  n_plurals;
  guint  root;
  GArray *nodes;
};

typedef struct
{
  const char *p;
  guint       depth;
  GArray     *nodes;
  GError    **error;
} Parser;

G_DEFINE_QUARK (kopir-plural-forms-error-quark, kopir_plural_forms_error)

static gboolean parse_conditional (Parser *parser,
                                   guint  *out);

static void
skip_spaces (Parser *parser)
{
  while (*parser->p == ' ' || *parser->p == '\t' || *parser->p == '\n' || *parser->p == '\r')
    parser->p++;
}

static gboolean
fail (Parser     *parser,
      const char *what)
{
  if (parser->error != NULL && *parser->error == NULL)
    g_set_error (parser->error, KOPIR_PLURAL_FORMS_ERROR, KOPIR_PLURAL_FORMS_ERROR_SYNTAX,
                 "Plural-Forms expression: %s", what);
  return FALSE;
}

static gboolean
add_node (Parser *parser,
          Op      op,
          guint   a,
          guint   b,
          guint   c,
          gulong  value,
          guint  *out)
{
  Node node = { op, a, b, c, value };

  if (parser->nodes->len >= MAX_NODES)
    {
      if (parser->error != NULL && *parser->error == NULL)
        g_set_error_literal (parser->error, KOPIR_PLURAL_FORMS_ERROR,
                             KOPIR_PLURAL_FORMS_ERROR_TOO_COMPLEX,
                             "Plural-Forms expression is too complex");
      return FALSE;
    }
  g_array_append_val (parser->nodes, node);
  *out = parser->nodes->len - 1;
  return TRUE;
}

/* Takes @token if it comes next, making sure "<" is not the start of
 * "<=", "!" not of "!=", and so on. */
static gboolean
accept (Parser     *parser,
        const char *token)
{
  gsize len = strlen (token);

  skip_spaces (parser);
  if (strncmp (parser->p, token, len) != 0)
    return FALSE;
  if (len == 1 && (token[0] == '<' || token[0] == '>' || token[0] == '!') && parser->p[1] == '=')
    return FALSE;
  parser->p += len;
  return TRUE;
}

static gboolean
enter (Parser *parser)
{
  if (++parser->depth > MAX_DEPTH)
    {
      if (parser->error != NULL && *parser->error == NULL)
        g_set_error_literal (parser->error, KOPIR_PLURAL_FORMS_ERROR,
                             KOPIR_PLURAL_FORMS_ERROR_TOO_COMPLEX,
                             "Plural-Forms expression is nested too deeply");
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_primary (Parser *parser,
               guint  *out)
{
  skip_spaces (parser);

  if (*parser->p == 'n' && !g_ascii_isalnum (parser->p[1]) && parser->p[1] != '_')
    {
      parser->p++;
      return add_node (parser, OP_N, 0, 0, 0, 0, out);
    }

  if (g_ascii_isdigit (*parser->p))
    {
      gulong value = 0;

      while (g_ascii_isdigit (*parser->p))
        {
          guint digit = (guint) (*parser->p - '0');

          if (value > (G_MAXULONG - digit) / 10)
            return fail (parser, "number too large");
          value = value * 10 + digit;
          parser->p++;
        }
      if (g_ascii_isalpha (*parser->p) || *parser->p == '_' || *parser->p == '.')
        return fail (parser, "only decimal integers are allowed");
      return add_node (parser, OP_NUMBER, 0, 0, 0, value, out);
    }

  if (*parser->p == '(')
    {
      gboolean ok;

      parser->p++;
      if (!enter (parser))
        return FALSE;
      ok = parse_conditional (parser, out);
      parser->depth--;
      if (!ok)
        return FALSE;
      skip_spaces (parser);
      if (*parser->p != ')')
        return fail (parser, "missing “)”");
      parser->p++;
      return TRUE;
    }

  if (*parser->p == '\0')
    return fail (parser, "unexpected end");
  return fail (parser, "unexpected character");
}

static gboolean
parse_unary (Parser *parser,
             guint  *out)
{
  if (accept (parser, "!"))
    {
      guint operand;
      gboolean ok;

      if (!enter (parser))
        return FALSE;
      ok = parse_unary (parser, &operand);
      parser->depth--;
      return ok && add_node (parser, OP_NOT, operand, 0, 0, 0, out);
    }
  return parse_primary (parser, out);
}

typedef struct
{
  const char *token;
  Op          op;
} Binary;

typedef gboolean (*ParseFunc) (Parser *parser,
                               guint  *out);

/* One level of left-associative binary operators. */
static gboolean
parse_binary (Parser       *parser,
              const Binary *ops,
              guint         n_ops,
              ParseFunc     next,
              guint        *out)
{
  guint left;

  if (!next (parser, &left))
    return FALSE;

  for (;;)
    {
      const Binary *found = NULL;
      guint right;

      for (guint i = 0; i < n_ops && found == NULL; i++)
        if (accept (parser, ops[i].token))
          found = &ops[i];
      if (found == NULL)
        break;
      if (!next (parser, &right) || !add_node (parser, found->op, left, right, 0, 0, &left))
        return FALSE;
    }

  *out = left;
  return TRUE;
}

static gboolean
parse_multiplicative (Parser *parser,
                      guint  *out)
{
  static const Binary ops[] = { { "*", OP_MUL }, { "/", OP_DIV }, { "%", OP_MOD } };

  return parse_binary (parser, ops, G_N_ELEMENTS (ops), parse_unary, out);
}

static gboolean
parse_additive (Parser *parser,
                guint  *out)
{
  static const Binary ops[] = { { "+", OP_ADD }, { "-", OP_SUB } };

  return parse_binary (parser, ops, G_N_ELEMENTS (ops), parse_multiplicative, out);
}

static gboolean
parse_relational (Parser *parser,
                  guint  *out)
{
  static const Binary ops[] = { { "<=", OP_LE }, { ">=", OP_GE }, { "<", OP_LT }, { ">", OP_GT } };

  return parse_binary (parser, ops, G_N_ELEMENTS (ops), parse_additive, out);
}

static gboolean
parse_equality (Parser *parser,
                guint  *out)
{
  static const Binary ops[] = { { "==", OP_EQ }, { "!=", OP_NE } };

  return parse_binary (parser, ops, G_N_ELEMENTS (ops), parse_relational, out);
}

static gboolean
parse_and (Parser *parser,
           guint  *out)
{
  static const Binary ops[] = { { "&&", OP_AND } };

  return parse_binary (parser, ops, G_N_ELEMENTS (ops), parse_equality, out);
}

static gboolean
parse_or (Parser *parser,
          guint  *out)
{
  static const Binary ops[] = { { "||", OP_OR } };

  return parse_binary (parser, ops, G_N_ELEMENTS (ops), parse_and, out);
}

static gboolean
parse_conditional (Parser *parser,
                   guint  *out)
{
  guint cond, then, otherwise;
  gboolean ok;

  if (!parse_or (parser, &cond))
    return FALSE;
  if (!accept (parser, "?"))
    {
      *out = cond;
      return TRUE;
    }

  if (!enter (parser))
    return FALSE;
  ok = parse_conditional (parser, &then);
  if (ok && !accept (parser, ":"))
    ok = fail (parser, "“?” without “:”");
  /* Right-associative: a ? b : c ? d : e is a ? b : (c ? d : e). */
  ok = ok && parse_conditional (parser, &otherwise);
  parser->depth--;

  return ok && add_node (parser, OP_COND, cond, then, otherwise, 0, out);
}

static gulong
evaluate (const KopirPluralForms *self,
          guint                   index,
          gulong                  n,
          gboolean               *div_by_zero)
{
  const Node *node = &g_array_index (self->nodes, Node, index);
  gulong a, b;

  switch (node->op)
    {
    case OP_N:
      return n;
    case OP_NUMBER:
      return node->value;
    case OP_NOT:
      return !evaluate (self, node->a, n, div_by_zero);
    case OP_AND:
      return evaluate (self, node->a, n, div_by_zero) && evaluate (self, node->b, n, div_by_zero);
    case OP_OR:
      return evaluate (self, node->a, n, div_by_zero) || evaluate (self, node->b, n, div_by_zero);
    case OP_COND:
      return evaluate (self, node->a, n, div_by_zero)
        ? evaluate (self, node->b, n, div_by_zero)
        : evaluate (self, node->c, n, div_by_zero);
    case OP_MUL:
    case OP_DIV:
    case OP_MOD:
    case OP_ADD:
    case OP_SUB:
    case OP_LT:
    case OP_GT:
    case OP_LE:
    case OP_GE:
    case OP_EQ:
    case OP_NE:
    default:
      break;
    }

  a = evaluate (self, node->a, n, div_by_zero);
  b = evaluate (self, node->b, n, div_by_zero);

  /* Unsigned arithmetic wraps, as in GNU gettext: defined, never a trap. */
  switch (node->op)
    {
    case OP_MUL: return a * b;
    case OP_DIV:
      if (b == 0)
        {
          *div_by_zero = TRUE;
          return 0;
        }
      return a / b;
    case OP_MOD:
      if (b == 0)
        {
          *div_by_zero = TRUE;
          return 0;
        }
      return a % b;
    case OP_ADD: return a + b;
    case OP_SUB: return a - b;
    case OP_LT: return a < b;
    case OP_GT: return a > b;
    case OP_LE: return a <= b;
    case OP_GE: return a >= b;
    case OP_EQ: return a == b;
    case OP_NE: return a != b;
    case OP_N:
    case OP_NUMBER:
    case OP_NOT:
    case OP_AND:
    case OP_OR:
    case OP_COND:
    default:
      g_assert_not_reached ();
    }
}

/**
 * kopir_plural_forms_new_default:
 *
 * The rule gettext assumes when a catalogue has none: two forms, the
 * second for every n but 1 (as in English).
 *
 * Returns: (transfer full): the rule
 */
KopirPluralForms *
kopir_plural_forms_new_default (void)
{
  KopirPluralForms *self = kopir_plural_forms_parse_expression ("n != 1", 2, NULL);

  g_assert (self != NULL);
  return self;
}

/**
 * kopir_plural_forms_parse_expression:
 * @expression: the plural expression over n
 * @n_plurals: how many forms the language has
 * @error: a #KOPIR_PLURAL_FORMS_ERROR
 *
 * Returns: (transfer full) (nullable): the rule, or %NULL if @expression is
 *   not in the gettext subset of C
 */
KopirPluralForms *
kopir_plural_forms_parse_expression (const char  *expression,
                                     guint        n_plurals,
                                     GError     **error)
{
  g_autoptr(GArray) nodes = NULL;
  Parser parser = { expression, 0, NULL, error };
  KopirPluralForms *self;
  guint root;

  g_return_val_if_fail (expression != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_plurals == 0 || n_plurals > KOPIR_PLURAL_FORMS_MAX_PLURALS)
    {
      g_set_error (error, KOPIR_PLURAL_FORMS_ERROR, KOPIR_PLURAL_FORMS_ERROR_NPLURALS,
                   "nplurals must be 1 to %u", KOPIR_PLURAL_FORMS_MAX_PLURALS);
      return NULL;
    }
  if (strlen (expression) > KOPIR_PLURAL_FORMS_MAX_LENGTH)
    {
      g_set_error_literal (error, KOPIR_PLURAL_FORMS_ERROR, KOPIR_PLURAL_FORMS_ERROR_TOO_COMPLEX,
                           "Plural-Forms expression is too long");
      return NULL;
    }

  nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  parser.nodes = nodes;
  if (!parse_conditional (&parser, &root))
    return NULL;
  skip_spaces (&parser);
  if (*parser.p != '\0')
    {
      fail (&parser, "unexpected text after the expression");
      return NULL;
    }

  self = g_new0 (KopirPluralForms, 1);
  self->n_plurals = n_plurals;
  self->root = root;
  self->nodes = g_steal_pointer (&nodes);
  return self;
}

/* Finds "name" as a whole word followed by "=", in a header value such as
 * "nplurals=3; plural=n%10==1 ? 0 : 1;", and returns what follows "=". */
static const char *
find_assignment (const char *header,
                 const char *name)
{
  gsize len = strlen (name);

  for (const char *p = strstr (header, name); p != NULL; p = strstr (p + 1, name))
    {
      const char *q = p + len;

      if (p > header && (g_ascii_isalnum (p[-1]) || p[-1] == '_'))
        continue;
      while (*q == ' ' || *q == '\t')
        q++;
      if (*q == '=' && q[1] != '=')
        return q + 1;
    }
  return NULL;
}

/**
 * kopir_plural_forms_parse:
 * @header_value: the value of a catalogue's Plural-Forms header, such as
 *   "nplurals=2; plural=(n != 1);"
 * @error: a #KOPIR_PLURAL_FORMS_ERROR
 *
 * Returns: (transfer full) (nullable): the rule, or %NULL if the header
 *   is malformed
 */
KopirPluralForms *
kopir_plural_forms_parse (const char  *header_value,
                          GError     **error)
{
  g_autofree char *expression = NULL;
  const char *nplurals, *plural, *end;
  guint64 n = 0;

  g_return_val_if_fail (header_value != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  nplurals = find_assignment (header_value, "nplurals");
  if (nplurals != NULL)
    {
      while (*nplurals == ' ' || *nplurals == '\t')
        nplurals++;
      if (!g_ascii_isdigit (*nplurals))
        nplurals = NULL;
      for (; nplurals != NULL && g_ascii_isdigit (*nplurals) && n <= KOPIR_PLURAL_FORMS_MAX_PLURALS;
           nplurals++)
        n = n * 10 + (guint64) (*nplurals - '0');
    }
  if (nplurals == NULL || n == 0 || n > KOPIR_PLURAL_FORMS_MAX_PLURALS)
    {
      g_set_error (error, KOPIR_PLURAL_FORMS_ERROR, KOPIR_PLURAL_FORMS_ERROR_NPLURALS,
                   "Plural-Forms needs nplurals from 1 to %u", KOPIR_PLURAL_FORMS_MAX_PLURALS);
      return NULL;
    }

  plural = find_assignment (header_value, "plural");
  if (plural == NULL)
    {
      g_set_error_literal (error, KOPIR_PLURAL_FORMS_ERROR, KOPIR_PLURAL_FORMS_ERROR_SYNTAX,
                           "Plural-Forms has no plural expression");
      return NULL;
    }
  end = strchr (plural, ';');
  expression = end != NULL ? g_strndup (plural, (gsize) (end - plural)) : g_strdup (plural);

  return kopir_plural_forms_parse_expression (expression, (guint) n, error);
}

/**
 * kopir_plural_forms_get_n_plurals:
 * @self: a rule
 *
 * Returns: how many plural forms the language has
 */
guint
kopir_plural_forms_get_n_plurals (const KopirPluralForms *self)
{
  g_return_val_if_fail (self != NULL, 1);

  return self->n_plurals;
}

/**
 * kopir_plural_forms_evaluate:
 * @self: a rule
 * @n: the number the message is about
 *
 * Returns: the index of the form to use, below the number of forms
 */
guint
kopir_plural_forms_evaluate (const KopirPluralForms *self,
                             gulong                  n)
{
  gboolean div_by_zero = FALSE;
  gulong index;

  g_return_val_if_fail (self != NULL, 0);

  index = evaluate (self, self->root, n, &div_by_zero);
  if (div_by_zero || index >= self->n_plurals)
    return 0;
  return (guint) index;
}

void
kopir_plural_forms_free (KopirPluralForms *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->nodes, g_array_unref);
  g_free (self);
}
