# A stand-in for mcr.microsoft.com/dotnet/sdk:10.0, from the Debian base and this machine's .NET install (the build
# context holds dotnet/ and certs/). Built by deploy/docker/local-images.sh for machines that cannot reach the registry.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libc6 libgcc-s1 libicu72 libssl3 libstdc++6 tzdata zlib1g \
 && rm -rf /var/lib/apt/lists/*
# The extra certificate authorities this machine trusts (a proxied network's), so NuGet answers over HTTPS.
COPY certs/ /usr/local/share/ca-certificates/
RUN update-ca-certificates
COPY dotnet/ /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
