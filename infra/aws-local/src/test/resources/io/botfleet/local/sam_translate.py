"""Transforms a SAM template to CloudFormation with aws-sam-translator, as `sam deploy` would have CloudFormation do.

Usage: python3 sam_translate.py TEMPLATE
Prints the transformed template as JSON, parameters at their defaults; on a translation error prints the errors and
exits with 1.
"""
import json
import os
import sys

from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


# `sam deploy` uploads the local CodeUri and names the object after the artifact's MD5 before CloudFormation
# transforms the template; one fixed key stands for "the same artifact", so only the template differs between runs.
PACKAGED_CODE_URI = "s3://sam-artifacts-bucket/functions-aws-jar-md5"


def as_packaged(template):
    globals_function = template.get("Globals", {}).get("Function", {})
    if isinstance(globals_function.get("CodeUri"), str):
        globals_function["CodeUri"] = PACKAGED_CODE_URI
    for resource in template["Resources"].values():
        properties = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(properties.get("CodeUri"), str):
            properties["CodeUri"] = PACKAGED_CODE_URI
    return template


class NoManagedPolicies:
    """The translator asks IAM for the account's managed policy names only when a template names one by its
    short name; this template uses ARNs and policy templates, so no IAM call (and no account) is needed."""

    def load(self):
        return {}


def main(argv):
    # The translator takes the region (for ARNs) from a boto session, which fails on a machine with no AWS
    # configuration; the deploy region (samconfig.toml) is the right one to translate for.
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    with open(argv[1], encoding="utf-8") as f:
        template = as_packaged(yaml_parse(f.read()))
    try:
        transformed = transform(template, {}, NoManagedPolicies())
    except InvalidDocumentException as e:
        for cause in e.causes:
            print(cause.message, file=sys.stderr)
        return 1
    json.dump(transformed, sys.stdout, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
