package io.jobsettings.platform;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers for native images the nested event classes Jackson fills by reflection. The Lambda extension registers a
 * handler's own input and output types; naming the nested ones here keeps native builds from depending on how deep
 * that registration reaches.
 */
@RegisterForReflection(targets = {
    APIGatewayV2HTTPEvent.class,
    APIGatewayV2HTTPEvent.RequestContext.class,
    APIGatewayV2HTTPEvent.RequestContext.Http.class,
    APIGatewayV2HTTPEvent.RequestContext.Authorizer.class,
    APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.class,
    APIGatewayV2HTTPEvent.RequestContext.IAM.class,
    APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity.class,
    APIGatewayV2HTTPResponse.class,
    SQSEvent.class,
    SQSEvent.SQSMessage.class,
    SQSEvent.MessageAttribute.class,
    SQSBatchResponse.class,
    SQSBatchResponse.BatchItemFailure.class})
final class LambdaEventTypes {

    private LambdaEventTypes() {
    }
}
