#!/usr/bin/env python3
"""moto_server, except that a DynamoDB TransactWriteItems backs up only the items it writes.

moto 5.2.1 deep-copies every table a transaction names before running it, so that it can roll back: a transaction
costs O(items in the table) -- 5 ms on an empty bots table, 430-750 ms with 1,000 bots in it -- where DynamoDB's
cost depends on the transaction's own items. This wrapper makes moto's backup a copy of the items the transaction
puts, updates or deletes (taken before it runs, restored if it is cancelled) and leaves everything else to moto.
A cancelled transaction also leaves no record in a table's stream, as on DynamoDB: moto's partial run and the
restore write records (the restore re-puts an item: a MODIFY a stream consumer would take for a new write), which
are dropped again.

The local stack starts moto through this script (MotoServer, with the Python that runs moto_server), so every test,
benchmark and the runner get transactions that cost what they cost on DynamoDB. MOTO_SERVER_COMMAND still names
another command; a moto already answering at AWS_ENDPOINT_URL is reused as it is. Another moto version runs
unpatched, with a warning.
"""
import copy
import sys
import types

import moto
from moto.dynamodb import models
from moto.dynamodb.exceptions import MockValidationException, TransactionCanceledException
from moto.dynamodb.models.table import Table

PATCHED_VERSION = "5.2.1"

_deepcopy = copy.deepcopy
_transact_write_items = models.DynamoDBBackend.transact_write_items


def _key(table, op_type, op):
    if op_type != "Put":
        return op["Key"]
    key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
    if table.range_key_attr is not None:
        key[table.range_key_attr] = op["Item"][table.range_key_attr]
    return key


def transact_write_items(self, transact_items):
    backup = []  # (table, key, attributes before, or None when the item did not exist)
    for item in transact_items:
        if len(item) != 1:
            continue  # moto rejects it before writing anything
        op_type, op = next(iter(item.items()))
        table_name = op.get("TableName")
        if op_type not in ("Put", "Update", "Delete") or table_name not in self.tables:
            continue
        try:
            key = _key(self.tables[table_name], op_type, op)
            current = self.get_item(table_name, key)
        except Exception:  # an invalid key: moto reports it, after writing nothing for this item
            continue
        backup.append((table_name, key, _deepcopy(current.to_json()["Attributes"]) if current is not None else None))
    streams = []  # (stream shard, its length before the transaction)
    for table_name in {table_name for table_name, _, _ in backup}:
        shard = getattr(self.tables[table_name], "stream_shard", None)
        if shard is not None:
            streams.append((shard, len(shard.items)))
    try:
        return _transact_write_items(self, transact_items)
    except (TransactionCanceledException, MockValidationException):
        for table_name, key, attributes in reversed(backup):
            if attributes is not None:
                self.put_item(table_name, attributes)
            elif self.get_item(table_name, key) is not None:
                self.delete_item(table_name, key)
        for shard, length in streams:
            del shard.items[length:]
        raise


if moto.__version__ == PATCHED_VERSION:
    # transact_write_items' whole-table backup becomes the table itself (restoring it is then a no-op); every other
    # deep copy in the module stays a deep copy
    models.copy = types.SimpleNamespace(deepcopy=lambda x, memo=None: x if isinstance(x, Table) else _deepcopy(x, memo))
    models.DynamoDBBackend.transact_write_items = transact_write_items
else:
    print(f"moto {moto.__version__}: transactions keep moto's whole-table backup "
          f"(the item-level one is written for {PATCHED_VERSION})", file=sys.stderr)

if __name__ == "__main__":
    from moto.server import main

    sys.exit(main())
